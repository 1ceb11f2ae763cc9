/** The series shapes live in the model layer (src/model/series.ts); analytics re-export them for local imports. */
export type {
  AdjustmentUnknown,
  PriceSeries,
  ResultProvenance,
  ReturnSeries,
  SeriesNote,
  SourceChoice,
  SpliceRepair,
} from '../model/series.ts';
