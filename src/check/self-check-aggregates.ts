/**
 * Checks of figures stated in the text against the article's own tables (the nearest table within
 * 3,000 characters of the sentence; see self-check-tables.ts): sums ("a combined $3.2 billion", or
 * the figures listed in the sentence), averages ("an average of +3.1 points") and counts ("four of
 * five cases"), each the arithmetic of one column.
 */
import { type ClaimSink, qualifierBefore, spanOf } from './claims.ts';
import { clauseStart, type SentenceCtx, slice } from './context.ts';
import { COUNT_WORD, type NumTok, wordToNumber } from './numbers.ts';
import { cellValue, chooseColumn, nearestTable } from './self-check-tables.ts';
import type { Cell, ColumnKind, Table } from './tables.ts';
import type { Span } from './types.ts';

type Base = { text: string; span: Span };

const cellHalf = (cell: Cell, kind: ColumnKind, scale: number) =>
  0.5 * 10 ** -(cell.num?.decimals ?? 0) * (kind === 'money' ? (cell.num?.scale ?? 1) * scale : 1);

const SUM_RE =
  /\b(?:total(?:ed|ing|led|ling|s)?|combined|together|in all|altogether|in total|sum|aggregate|collectively|between them|all told)\b/i;
const AVG_RE = /\b(?:average(?:d|s)?|on average|mean|typical(?:ly)?)\b/i;
const WEIGHT_WORDS =
  /\b(?:weight|weights|account(?:s|ed|ing)? for|make up|makes up|made up|of the (?:index|fund|benchmark))\b/i;
const NEG_WORDS =
  /\b(?:fell|fall|falls|lower|declined|declines|negative|down|lost|losses|lagged|lag|lagging|underperformed|trailed|dropped|worse)\b/i;

function scaleLabel(t: NumTok): string {
  return t.scale >= 1e12
    ? 'trillion'
    : t.scale >= 1e9
      ? 'billion'
      : t.scale >= 1e6
        ? 'million'
        : t.scale >= 1e3
          ? 'thousand'
          : '';
}

function sumKinds(ctx: SentenceCtx, t: NumTok): ColumnKind[] | null {
  if (t.currency || t.scale > 1) return ['money'];
  if (t.unit === 'pct' && WEIGHT_WORDS.test(ctx.text)) return ['weight'];
  if (t.unit === 'bps') return ['contribution'];
  return null;
}

/** Rows that are themselves aggregates ("Mean", "Median", "Total", "Episodes counted"): never summed or averaged. */
const AGGREGATE_ROW = /^\s*(?:mean|median|average|avg\.?|total|sum|share|episodes|count|all)\b/i;

type ClaimDraft = Parameters<ClaimSink['add']>[0];

/** A table figure that could not be worked out: the claim is listed with the formula and why (nothing computed). */
function addUnchecked(sink: ClaimSink, claim: Omit<ClaimDraft, 'params'>, formula: string, problem: string): void {
  sink.add({ ...claim, params: { kind: 'self', formula, operands: [], computed: null, slack: 0, problem } });
}

/**
 * The figure an "average" word governs, or null: a number right after it ("an average of +3.1 points",
 * "averaged 3.1%", within 30 characters) or right before "on average" ("by 1.71 points on average").
 * Not a column mean: a moving average ("its 200-session average of 57.81", checked on the data by
 * extract-levels.ts), an average within one entity ("an average of 70% of their sales"), a figure
 * far from the word ("With 7 earlier episodes, these averages are anecdotes").
 */
function averagedFigure(ctx: SentenceCtx, am: RegExpExecArray): NumTok | null {
  const at = ctx.s.start + am.index;
  const word = am[0].toLowerCase();
  if (
    /\b(?:\d+|one|two|three|fifty|hundred)[- ](?:session|day|week|month)s?(?:[- ](?:simple|exponential))?(?:[- ]moving)?\s*$/i.test(
      slice(ctx, Math.max(ctx.s.start, at - 30), at),
    ) ||
    /^\s*moving\b/i.test(slice(ctx, at - 8, at))
  )
    return null;
  if (word === 'on average') {
    const before = ctx.nums.filter((n) => n.end <= at && at - n.end <= 20);
    return before.length ? before[before.length - 1] : null;
  }
  const after = ctx.nums.find((n) => n.start >= at + am[0].length && n.start - (at + am[0].length) <= 30);
  if (after?.scale !== 1) return null;
  if (
    /^\s*(?:of|in)\s+(?:their|its|his|her|the company's|the firms'|total)\b/i.test(
      slice(ctx, after.end, after.end + 25),
    )
  )
    return null;
  return after;
}

export function extractTableAggregates(ctx: SentenceCtx, tables: readonly Table[], sink: ClaimSink): void {
  const table = nearestTable(tables, ctx.s);
  const base = { text: ctx.s.text, span: spanOf(ctx.s) };
  tableSums(ctx, table, base, sink);
  if (!table) return;
  tableAverage(ctx, table, base, sink);
  tableCounts(ctx, table, base, sink);
}

/** Sums: the figure nearest each "total / combined / in all" word, against the figures listed in the sentence or a column. */
function tableSums(ctx: SentenceCtx, table: Table | null, base: Base, sink: ClaimSink): void {
  const sumTargets = new Set<NumTok>();
  const sre = new RegExp(SUM_RE.source, 'gi');
  for (let m = sre.exec(ctx.text); m !== null; m = sre.exec(ctx.text)) {
    const at = ctx.s.start + m.index;
    let best: NumTok | null = null;
    for (const t of ctx.nums) {
      if (!sumKinds(ctx, t)) continue;
      if (!best || Math.abs(t.start - at) < Math.abs(best.start - at)) best = t;
    }
    if (best) sumTargets.add(best);
  }
  for (const t of sumTargets) {
    const kinds = sumKinds(ctx, t) as ColumnKind[];
    const pre = slice(ctx, clauseStart(ctx, t.start), t.start);
    const unitScale = kinds[0] === 'money' ? t.scale : 1;
    const scaleWord = scaleLabel(t);
    const st = {
      text: t.text.trim(),
      value: t.abs * (t.sign === -1 ? -1 : 1),
      unit:
        kinds[0] === 'money' ? ('usd' as const) : kinds[0] === 'weight' ? ('pct' as const) : ('bps' as const),
      decimals: t.decimals,
      qualifier: qualifierBefore(pre),
    };
    /** The sum in the stated figure's unit, as the formula shows it. */
    const shown = (sum: number) =>
      `${(sum / unitScale).toLocaleString('en-US', { maximumFractionDigits: 3 })}${scaleWord ? ` ${scaleWord}` : ''}`;
    const addSum = (formula: string, sum: number, slack: number) =>
      sink.add({
        ...base,
        type: 'sum',
        focus: spanOf(t),
        stated: st,
        params: { kind: 'self', formula, operands: [], computed: sum / unitScale, slack: slack / unitScale },
      });
    // Figures listed in the sentence itself ("$1.2 billion, $850 million and $1.3 billion, more than $3.2 billion in all").
    const listed = ctx.nums.filter((x) => x !== t && x.start < t.start && sumKinds(ctx, x)?.[0] === kinds[0]);
    if (listed.length >= 2) {
      const vals = listed.map((x) => (x.sign === -1 ? -1 : 1) * x.abs * (kinds[0] === 'money' ? x.scale : 1));
      const sum = vals.reduce((a, b) => a + b, 0);
      const slack = listed.reduce(
        (a, x) => a + 0.5 * 10 ** -x.decimals * (kinds[0] === 'money' ? x.scale : 1),
        0,
      );
      addSum(`${listed.map((x) => x.text.trim()).join(' + ')} = ${shown(sum)} (figures listed in the sentence)`, sum, slack);
      continue;
    }
    if (!table) {
      addUnchecked(sink, { ...base, type: 'sum', focus: spanOf(t), stated: st }, 'sum of a table column', 'no table near the sentence and no figures listed in it to add up');
      continue;
    }
    const choice = chooseColumn(table, kinds, ctx.text);
    if ('problem' in choice) {
      addUnchecked(sink, { ...base, type: 'sum', focus: spanOf(t), stated: st }, 'sum of a table column', choice.problem);
      continue;
    }
    const col = table.columns[choice.col];
    let sum = 0;
    let slack = 0;
    let n = 0;
    const named = namedRows(ctx, table, choice.col);
    for (const r of named ?? table.rows) {
      const cell = r.cells[choice.col];
      const v = cellValue(cell, col.kind, col.scale);
      if (v === null) continue;
      sum += v;
      slack += cellHalf(cell, col.kind, col.scale);
      n++;
    }
    addSum(
      `sum of "${col.header || col.kind}" over ${n} rows of table ${table.index + 1}${named ? ` named in the sentence (${named.map((r) => r.cells[0].text).join(', ')})` : ''} = ${shown(sum)}`,
      sum,
      slack,
    );
  }
}

/** Averages: the figure an "average" word governs, against the mean of the matching column. */
function tableAverage(ctx: SentenceCtx, table: Table, base: Base, sink: ClaimSink): void {
  const rows = table.rows;
  const am = AVG_RE.exec(ctx.text);
  const t = am ? averagedFigure(ctx, am) : null;
  if (!am || !t) return;
  const kinds: ColumnKind[] =
    t.unit === 'pts' || t.unit === 'points'
      ? ['points', 'return']
      : t.unit === 'pct'
        ? ['return', 'points']
        : t.unit === 'times'
          ? ['multiple']
          : ['return', 'points', 'count', 'multiple', 'other'];
  const pre = slice(ctx, clauseStart(ctx, t.start), t.start);
  const st = {
    text: t.text.trim(),
    value: t.abs * (t.sign === -1 || NEG_WORDS.test(pre.slice(-25)) ? -1 : 1),
    unit: t.unit === 'pct' ? ('pct' as const) : ('pts' as const),
    decimals: t.decimals,
    qualifier: qualifierBefore(pre),
  };
  const choice = chooseColumn(table, kinds, ctx.text);
  if ('problem' in choice) {
    addUnchecked(sink, { ...base, type: 'average', focus: spanOf(t), stated: st }, 'mean of a table column', choice.problem);
  } else {
    const col = table.columns[choice.col];
    const vals = rows
      .filter((r) => !AGGREGATE_ROW.test(r.cells[0]?.text ?? ''))
      .map((r) => ({ cell: r.cells[choice.col], v: cellValue(r.cells[choice.col], col.kind, col.scale) }))
      .filter((x) => x.v !== null);
    if (vals.length > 0) {
      const mean = vals.reduce((a, x) => a + (x.v as number), 0) / vals.length;
      const slack = vals.reduce((a, x) => a + cellHalf(x.cell, col.kind, col.scale), 0) / vals.length;
      sink.add({
        ...base,
        type: 'average',
        focus: spanOf(t),
        stated: st,
        params: {
          kind: 'self',
          formula: `mean of "${col.header || col.kind}" over ${vals.length} rows of table ${table.index + 1} = ${mean.toFixed(3)}`,
          operands: [],
          computed: mean,
          slack,
        },
      });
    }
  }
}

/** Counts: "four of five cases" → rows with a positive (or, with fall words, negative) value. */
function tableCounts(ctx: SentenceCtx, table: Table, base: Base, sink: ClaimSink): void {
  const rows = table.rows;
  const cre = new RegExp(
    `\\b(${COUNT_WORD})\\s+(?:out\\s+)?of\\s+(?:the\\s+|those\\s+|these\\s+)?(?:last\\s+|past\\s+|previous\\s+|prior\\s+)?(${COUNT_WORD})\\b`,
    'gi',
  );
  for (let m = cre.exec(ctx.text); m !== null; m = cre.exec(ctx.text)) {
    const k = wordToNumber(m[1]);
    const total = wordToNumber(m[2]);
    if (k === null || total === null || total < 2 || k > total) continue;
    const start = ctx.s.start + m.index;
    const end = start + m[0].length;
    const negative = NEG_WORDS.test(ctx.text);
    const st = { text: m[0], value: k, unit: 'count' as const, decimals: 0, qualifier: 'exact' as const };
    const choice = chooseColumn(table, ['return', 'points'], ctx.text);
    if ('problem' in choice) {
      addUnchecked(sink, { ...base, type: 'count', focus: { start, end }, stated: st }, 'rows counted in a table column', choice.problem);
      continue;
    }
    const col = table.columns[choice.col];
    const vals = rows
      .map((r) => cellValue(r.cells[choice.col], col.kind, col.scale))
      .filter((v): v is number => v !== null);
    const hits = vals.filter((v) => (negative ? v < 0 : v > 0)).length;
    sink.add({
      ...base,
      type: 'count',
      focus: { start, end },
      stated: st,
      params: {
        kind: 'self',
        formula: `rows of table ${table.index + 1} with "${col.header || col.kind}" ${negative ? '< 0' : '> 0'}: ${hits} of ${vals.length}`,
        operands: [],
        computed: hits,
        slack: 0,
        mismatch:
          vals.length !== total ? `the table has ${vals.length} rows with a value, not ${total}` : undefined,
      },
    });
  }
}

/**
 * "Together IWM and IJR took in $2.43 billion": the rows (with a value in the column) whose label the
 * sentence names, when it names at least two but not all of them; else null (the whole column).
 */
function namedRows(ctx: SentenceCtx, table: Table, col: number): Table['rows'] | null {
  const valued = table.rows.filter((r) => r.cells[col]?.num && r.cells[0]?.text.trim());
  const esc = (x: string) => x.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const named = valued.filter((r) => new RegExp(`(?<![\\w])${esc(r.cells[0].text)}(?![\\w])`).test(ctx.text));
  return named.length >= 2 && named.length < valued.length ? named : null;
}
