/**
 * Canonical market-data model. Every importer and provider maps its own format into these
 * shapes; nothing above `sources` ever sees a raw file layout.
 */
import { z } from 'zod';

/** ISO calendar date `YYYY-MM-DD`, validated as a real date. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a real calendar date');
export type IsoDate = string;

export const InstrumentKind = z.enum(['index', 'etf', 'stock', 'factor', 'portfolio', 'macro']);
export type InstrumentKind = z.infer<typeof InstrumentKind>;

/** Which adjustment a price series carries. */
export const Adjustment = z.enum(['none', 'split', 'split+dividend', 'unknown']);
export type Adjustment = z.infer<typeof Adjustment>;

/** Where a stored row came from: the source (provider/importer), the file or request, and the line. */
export const Provenance = z.object({
  source: z.string().min(1),
  file: z.string().min(1),
  line: z.number().int().nonnegative(),
});
export type Provenance = z.infer<typeof Provenance>;

export const Instrument = z.object({
  symbol: z.string().min(1),
  name: z.string().nullable(),
  kind: InstrumentKind,
});
export type Instrument = z.infer<typeof Instrument>;

const positive = z.number().finite().positive();

/** One daily bar. open/high/low may be null for close-only series. */
export const Bar = z
  .object({
    symbol: z.string().min(1),
    date: IsoDate,
    open: positive.nullable(),
    high: positive.nullable(),
    low: positive.nullable(),
    close: positive,
    /** Split+dividend adjusted close, when the source gives one beside an unadjusted/split-only close. */
    adjClose: positive.nullable(),
    volume: z.number().finite().nonnegative().nullable(),
    adjustment: Adjustment,
    /** A row the source notes mark as provisional (e.g. captured intraday): stored, never used by default. */
    provisional: z.boolean(),
  })
  .superRefine((b, ctx) => {
    if (b.high !== null && b.low !== null) {
      if (b.high < b.low) ctx.addIssue({ code: 'custom', message: `high ${b.high} < low ${b.low}` });
      const eps = 1e-9 * b.high;
      for (const [k, v] of [
        ['open', b.open],
        ['close', b.close],
      ] as const) {
        if (v !== null && (v < b.low - eps || v > b.high + eps))
          ctx.addIssue({ code: 'custom', message: `${k} ${v} outside [low ${b.low}, high ${b.high}]` });
      }
    }
  });
export type Bar = z.infer<typeof Bar>;

/** A holding of a fund or a member of an index. weight is a fraction (0.0123 = 1.23%). */
export const Holding = z.object({
  fund: z.string().min(1),
  asOf: IsoDate,
  symbol: z.string().min(1),
  name: z.string().nullable(),
  sector: z.string().nullable(),
  subIndustry: z.string().nullable(),
  assetClass: z.string().nullable(),
  weight: z.number().finite().nullable(),
  shares: z.number().finite().nullable(),
  marketValue: z.number().finite().nullable(),
  price: z.number().finite().nullable(),
});
export type Holding = z.infer<typeof Holding>;

/** A fundamentals snapshot for one company. Ratios are plain numbers; money in USD; yields as fractions. */
export const Fundamentals = z.object({
  symbol: z.string().min(1),
  asOf: IsoDate,
  price: z.number().finite().nullable(),
  pe: z.number().finite().nullable(),
  forwardPe: z.number().finite().nullable(),
  ps: z.number().finite().nullable(),
  pb: z.number().finite().nullable(),
  evEbitda: z.number().finite().nullable(),
  debtEquity: z.number().finite().nullable(),
  marketCap: z.number().finite().nullable(),
  ebitda: z.number().finite().nullable(),
  eps: z.number().finite().nullable(),
  dividendYield: z.number().finite().nullable(),
  low52: z.number().finite().nullable(),
  high52: z.number().finite().nullable(),
});
export type Fundamentals = z.infer<typeof Fundamentals>;

/** Net fund flow over one day, USD; aum optional. */
export const Flow = z.object({
  fund: z.string().min(1),
  date: IsoDate,
  flow: z.number().finite(),
  aum: z.number().finite().nonnegative().nullable(),
});
export type Flow = z.infer<typeof Flow>;

export const Frequency = z.enum(['D', 'M', 'A']);
export type Frequency = z.infer<typeof Frequency>;

/**
 * A value of a named series that is not a price bar: factor/portfolio returns (unit `fraction`,
 * converted from the source's percent), macro levels (`percent`, `level`), firm counts, average sizes.
 * Monthly values are dated on the month's last calendar day, annual values on 31 December.
 */
export const ObservationUnit = z.enum(['fraction', 'percent', 'level', 'count', 'usd_mn']);
export type ObservationUnit = z.infer<typeof ObservationUnit>;

export const Observation = z.object({
  series: z.string().min(1),
  freq: Frequency,
  date: IsoDate,
  value: z.number().finite(),
  unit: ObservationUnit,
});
export type Observation = z.infer<typeof Observation>;

/** Descriptor of a non-price series (name, kind, unit), stored once per series. */
export const SeriesMeta = z.object({
  series: z.string().min(1),
  kind: InstrumentKind,
  name: z.string().nullable(),
  unit: ObservationUnit,
  /** true when the values are returns (so compounding makes sense). */
  isReturn: z.boolean(),
});
export type SeriesMeta = z.infer<typeof SeriesMeta>;

export type WithProv<T> = T & { prov: Provenance };
