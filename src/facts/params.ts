/**
 * Parameters of every fact query, as zod schemas. The CLI maps its options onto these; the API
 * validates query strings with the same schemas and generates its OpenAPI document from them.
 */
import { z } from 'zod';
import { NAMED_PERIODS } from '../analytics/perf.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => {
    const t = Date.parse(`${s}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
  }, 'not a real calendar date');

/** A comma-separated list or repeated values → string[]. */
const list = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',') : v),
  z.array(z.string().trim().min(1)).min(1),
);
const numList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',') : v),
  z.array(z.coerce.number().int().positive().max(5000)).min(1),
);
const bool = z.preprocess((v) => (v === 'true' || v === '1' || v === true ? true : v === 'false' || v === '0' || v === false ? false : v), z.boolean());

export const Period = z.enum(NAMED_PERIODS);

const periodFields = {
  period: Period.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  asOf: isoDate.optional(),
};

export const PerfParams = z
  .object({ symbols: list, ...periodFields })
  .refine((p) => !(p.period && p.from), { message: 'give either period or from/to, not both', path: ['period'] })
  .refine((p) => !(p.to && !p.from), { message: 'to needs from', path: ['to'] });
export type PerfParams = z.infer<typeof PerfParams>;

export const StreakParams = z.object({
  a: z.string().min(1),
  b: z.string().min(1).optional(),
  positive: bool.optional(),
  asOf: isoDate.optional(),
  direction: z.enum(['over', 'under']).default('over'),
  min: z.coerce.number().int().positive().default(1),
});
export type StreakParams = z.infer<typeof StreakParams>;

export const RecordsParams = z.object({
  symbol: z.string().min(1),
  basis: z.enum(['high', 'close']).default('close'),
  asOf: isoDate.optional(),
});
export type RecordsParams = z.infer<typeof RecordsParams>;

export const AnalogsParams = z.object({
  a: z.string().min(1),
  b: z.string().min(1),
  minStreak: z.coerce.number().int().positive(),
  horizons: numList.default([21, 63, 126, 252]),
  direction: z.enum(['over', 'under']).default('over'),
  asOf: isoDate.optional(),
});
export type AnalogsParams = z.infer<typeof AnalogsParams>;

export const ContributionsParams = z.object({
  fund: z.string().min(1).default('IWM'),
  ...periodFields,
  weights: z.enum(['start', 'end']).default('end'),
  indexReturn: z.coerce.number().gt(-1).optional(),
  top: z.coerce.number().int().positive().max(1000).default(10),
});
export type ContributionsParams = z.infer<typeof ContributionsParams>;

export const BreadthParams = z.object({
  universe: z.string().min(1),
  ...periodFields,
});
export type BreadthParams = z.infer<typeof BreadthParams>;

export const LadderParams = z.object({
  ladder: z.enum(['etf', 'french']).default('etf'),
  period: z.enum(['1d', ...NAMED_PERIODS]).default('1d'),
  asOf: isoDate.optional(),
});
export type LadderParams = z.infer<typeof LadderParams>;

export const SectorsParams = z.object({
  universe: z.string().min(1).default('etf'),
  vs: z.string().min(1).optional(),
  ...periodFields,
});
export type SectorsParams = z.infer<typeof SectorsParams>;

export const VolatilityParams = z.object({
  symbol: z.string().min(1),
  ...periodFields,
  window: z.coerce.number().int().min(2).max(2520).default(21),
});
export type VolatilityParams = z.infer<typeof VolatilityParams>;

export const LevelsParams = z.object({
  symbol: z.string().min(1),
  asOf: isoDate.optional(),
  lookback: z.coerce.number().int().min(20).max(10000).optional(),
  minInside: z.coerce.number().int().min(1).max(5000).optional(),
});
export type LevelsParams = z.infer<typeof LevelsParams>;

export const ValuationParams = z.object({
  a: z.string().min(1).default('sector:Information Technology'),
  b: z.string().min(1).default('all'),
  negatives: z.enum(['exclude', 'include']).default('include'),
});
export type ValuationParams = z.infer<typeof ValuationParams>;

export const FlowsParams = z.object({
  funds: list.optional(),
  window: z.coerce.number().int().positive().max(2520).default(5),
  asOf: isoDate.optional(),
});
export type FlowsParams = z.infer<typeof FlowsParams>;

/** Validate params; zod issues become one UserError-style message naming each parameter. */
export function parseParams<T extends z.ZodTypeAny>(schema: T, raw: unknown): z.infer<T> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const given = (path: PropertyKey[]): unknown =>
    path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<PropertyKey, unknown>)[k] : undefined), raw);
  const text = (i: z.core.$ZodIssue): string => {
    const v = given(i.path);
    // "expected number, received NaN" says nothing about what was typed: show the value given.
    if (i.code === 'invalid_type' && (typeof v === 'string' || typeof v === 'number')) return `expected a ${i.expected}, got '${v}'`;
    return i.message;
  };
  const msg = r.error.issues.map((i) => `${i.path.join('.') || 'parameters'}: ${text(i)}`).join('; ');
  throw new ParamError(msg, r.error.issues[0]?.path.join('.') ?? '');
}

import { UserError } from '../model/errors.ts';

export class ParamError extends UserError {
  constructor(
    message: string,
    readonly param: string,
  ) {
    super(message, 'bad_input');
  }
}
