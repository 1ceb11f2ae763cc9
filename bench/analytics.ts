/**
 * Section 2: every analytics capability on the full real data, through the facts layer (what each
 * CLI command and API endpoint calls), against the store built by the import section. Each timing
 * includes loading the series from DuckDB, validation and the computation.
 */
import { CAPABILITIES } from '../src/capabilities/registry.ts';
import type { MarketStore } from '../src/store/store.ts';
import {
  type BenchContext,
  type BenchSection,
  emptyResult,
  fmtInt,
  measure,
  type SectionResult,
} from './lib.ts';

type Json = Record<string, unknown>;

interface Case {
  name: string;
  /** The equivalent CLI command, for the table. */
  cli: string;
  call: (store: MarketStore) => Promise<unknown>;
  /** One line saying what came back (so the figure is for a real answer). */
  says: (r: Json) => string;
  /** Slow calls get fewer repetitions. */
  slow?: boolean;
}

const kebab = (f: string) => f.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);

/** What came back, generically: the as-of date and the size of each list in the document. */
function says(r: Json): string {
  const parts: string[] = [];
  if (typeof r.asOf === 'string') parts.push(`as of ${r.asOf}`);
  for (const [k, v] of Object.entries(r)) if (Array.isArray(v)) parts.push(`${fmtInt(v.length)} ${k}`);
  return parts.join(', ') || Object.keys(r).join(', ');
}

/** One case per capability with a bench example (src/capabilities/registry.ts). */
export const ANALYTICS_CASES: Case[] = CAPABILITIES.flatMap((c) =>
  (c.examples.bench ?? []).map((b): Case => {
    const args = new Set((c.args ?? []).map((a) => a.field));
    const positional = (c.args ?? []).flatMap((a) => (b.query[a.field] ? b.query[a.field].split(',') : []));
    const options = Object.entries(b.query)
      .filter(([k]) => !args.has(k))
      .map(([k, v]) => (v === 'true' ? `--${kebab(k)}` : `--${kebab(k)} ${v}`));
    const cli = [c.name, ...positional, ...options].join(' ');
    return { name: cli, cli, call: (s: MarketStore) => c.facts(s, b.query), says, slow: b.slow };
  }),
);

export const analyticsSection: BenchSection = {
  id: 'analytics',
  title: 'Analytics through the facts layer (store → result), full real data',
  async run(ctx: BenchContext): Promise<SectionResult> {
    const res = emptyResult();
    const log = (s: string) => process.stdout.write(`  ${s}\n`);
    const store = await ctx.ensureStore(log);
    res.notes.push(
      'each call: resolve names, load series from DuckDB, validate, compute (facts/*.ts, as the CLI commands do); 1 warm-up run',
    );
    for (const c of ANALYTICS_CASES) {
      let said = '';
      try {
        const m = await measure(
          () => c.call(store),
          c.slow
            ? { warmup: 1, minReps: 2, maxReps: 3, budgetMs: 7000 }
            : { warmup: 1, minReps: 5, maxReps: 15, budgetMs: 1000 },
        );
        said = c.says(m.last as Json);
        res.rows.push({
          name: c.name,
          stat: m.stat,
          note: said,
          extra: { cli: `marketdash ${c.cli}`, result: said },
        });
      } catch (e) {
        res.rows.push({ name: c.name, stat: null, note: `FAILED: ${(e as Error).message}` });
        res.checks.push({ name: c.name, ok: false, detail: (e as Error).message });
      }
    }
    return res;
  },
};
