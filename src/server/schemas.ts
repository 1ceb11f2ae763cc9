/**
 * Parameter schemas of the server-only endpoints (the analytics endpoints use src/facts/params.ts).
 * Same conventions: dates YYYY-MM-DD, lists comma-separated or repeated.
 */
import { z } from 'zod';

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 and 2026-13-01 are not). */
export function isRealDate(s: string): boolean {
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
}

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(isRealDate, 'not a real calendar date');

const list = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',') : v),
  z.array(z.string().trim().min(1)).min(1).max(50),
);

export const SeriesParams = z.object({
  symbol: z.string().min(1).optional(),
  table: z.enum(['bars', 'observations', 'holdings', 'fundamentals', 'flows']).optional(),
});

export const BarsParams = z
  .object({
    symbol: z.string().min(1).max(64),
    from: isoDate.optional(),
    to: isoDate.optional(),
    source: z.string().min(1).max(64).optional(),
  })
  .refine((p) => !(p.from && p.to && p.from > p.to), { message: 'from is after to', path: ['from'] });

export const SessionsParams = z
  .object({
    symbols: list,
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine((p) => !(p.from && p.to && p.from > p.to), { message: 'from is after to', path: ['from'] });

export const ReportParams = z
  .object({
    pair: z
      .string()
      .regex(/^[^:\s]+:[^:\s]+$/, 'expected A:B, e.g. IWM:SPY')
      .optional(),
    symbol: z.string().min(1).max(64).optional(),
    asOf: isoDate.optional(),
    format: z.enum(['json', 'html', 'markdown']).default('json'),
  })
  .refine((p) => Boolean(p.pair) !== Boolean(p.symbol), { message: 'give either pair (A:B) or symbol', path: ['pair'] });

export const CheckQuery = z.object({
  asOf: isoDate.optional(),
  format: z.enum(['text', 'markdown', 'html']).optional(),
});

export const CheckBody = z.object({
  text: z.string().min(1, 'the article text is empty'),
  asOf: isoDate.optional(),
  /** As-of date for relative periods only when the text names none (a dateline or "as of" wins). */
  defaultAsOf: isoDate.optional(),
  format: z.enum(['text', 'markdown', 'html']).optional(),
});

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      param: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' });

/** An OpenAPI response with a JSON body. */
export const jsonResponse = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

/** Results are the JSON documents of the CLI's --json: objects whose shape depends on the endpoint. */
export const ResultSchema = z.looseObject({}).meta({ id: 'Result', description: 'the same JSON document as the CLI command with --json' });
