/** The series shapes live in the model layer (src/model/series.ts); analytics re-export them for local imports. */
export type { PriceSeries, ResultProvenance, ReturnSeries } from '../model/series.ts';
