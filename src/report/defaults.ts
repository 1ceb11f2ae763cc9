/** Report defaults the CLI shows in its options without loading the report builders (and their chart library). */
import { join } from 'node:path';

export const DEFAULT_PAIR = 'IWM:SPY';
export const DEFAULT_OUT_DIR = join('out', 'reports');
