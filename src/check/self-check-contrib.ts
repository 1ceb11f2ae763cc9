/**
 * Contributions stated in the article, checked as weight × return with the analytics engine's
 * `computeContributions` (src/analytics/contributions.ts):
 *
 *   contribution (bps) = w_start × r × 10,000, and for END weights w_start = w_end × (1 + R) / (1 + r)
 *
 * - In text: "Acme, 1.12% of the index, gained 48.2% and added 54 basis points" (weight, return and
 *   contribution in one sentence). Words such as "current weight", "end weight", "now makes up" or a
 *   weight "as of <date>" mark end weights; R is the article's own return for the index named in the
 *   sentence ("of the Russell 2000"), for the same period when one is stated.
 * - In tables with weight, return and contribution columns: each row. A weight header with a date,
 *   "end" or "current" marks end weights; R is solved from the end weights when they cover the whole
 *   index (Σ ≈ 100%), else taken from the article's return for an index named just before the table.
 * Without R, end-weight contributions are unverifiable (with that reason), never guessed.
 */
import { computeContributions } from '../facts/pure.ts';
import { UserError } from '../model/errors.ts';
import { type ClaimSink, qualifierBefore, spanOf } from './claims.ts';
import { clauseStart, type SentenceCtx, slice } from './context.ts';
import type { ReturnMention } from './extract-returns.ts';
import type { NumTok } from './numbers.ts';
import { type Operand, roundingSlack } from './self-check.ts';
import type { Table } from './tables.ts';
import { rowLabel } from './tables.ts';
import type { Claim, Stated } from './types.ts';

const CONTRIB_PRE =
  /(contribut\w*|added|adding|adds|subtract\w*|took|taking|takes|shaved|knocked|lifted|dragged|accounted for|cost|clipped|trimmed)\s+(?:about |roughly |nearly |some |almost |around |more than |less than |over )?(?:a combined |an? )?$/i;
const NEG_VERB = /^(?:subtract\w*|took|taking|takes|shaved|knocked|dragged|cost|clipped|trimmed)$/i;
const WEIGHT_AFTER =
  /^\s*(?:index\s+|fund\s+|portfolio\s+)?(?:weight(?:ing)?|of the (?:index|fund|benchmark|etf|portfolio)|of (?:the )?(?:russell|s&p))/i;
const WEIGHT_BEFORE =
  /(?:weight(?:ing)?(?:\s+of)?|weighted at|accounts? for|accounting for|makes? up|making up|represents?|representing)\s+(?:about |roughly |nearly |just |some )?$/i;
const END_WEIGHT =
  /\b(?:end(?:-of-period)?[- ]weight|current weight|latest weight|now (?:makes up|accounts for|represents)|weight (?:as of|at the end)|as of (?:[A-Z][a-z]{2,8}\.? \d|\d{4}-\d{2}))/;

export interface PendingContribution {
  ctx: SentenceCtx;
  tok: NumTok;
  negative: boolean;
  weight: NumTok | null;
  end: boolean;
  returns: ReturnMention[];
}

/** Pass 1: contribution figures in a sentence (finished in pass 2, when every return is known). */
const AGGREGATE =
  /\b(?:combined|together|in all|altogether|in total|total(?:led|ed)?|collectively|between them|all told)\b/i;

export function findTextContributions(ctx: SentenceCtx, returns: ReturnMention[]): PendingContribution[] {
  const out: PendingContribution[] = [];
  if (AGGREGATE.test(ctx.text)) return out; // "added a combined 26 bps": a sum (self-check-aggregates.ts)
  for (const t of ctx.nums) {
    if (t.unit !== 'bps' && t.unit !== 'pts' && t.unit !== 'points') continue;
    const pre = slice(ctx, clauseStart(ctx, t.start), t.start);
    const m = CONTRIB_PRE.exec(pre);
    if (!m) continue;
    const weight =
      ctx.nums.find(
        (w) =>
          w.unit === 'pct' &&
          (WEIGHT_AFTER.test(slice(ctx, w.end, w.end + 40)) ||
            WEIGHT_BEFORE.test(slice(ctx, Math.max(ctx.s.start, w.start - 40), w.start))),
      ) ?? null;
    out.push({ ctx, tok: t, negative: NEG_VERB.test(m[1]), weight, end: END_WEIGHT.test(ctx.text), returns });
  }
  return out;
}

const fmt = (x: number, d = 2) => x.toLocaleString('en-US', { maximumFractionDigits: d });

function contribute(wPct: number, rPct: number, end: boolean, Rpct: number | null): number {
  const input = end
    ? { symbol: 'x', weightEnd: wPct / 100, return: rPct / 100 }
    : { symbol: 'x', weightStart: wPct / 100, return: rPct / 100 };
  const res = computeContributions([input], {
    weights: end ? 'end' : 'start',
    indexReturn: Rpct === null ? undefined : Rpct / 100,
    wholeIndex: false,
  });
  return res.rows[0].contributionBps;
}

/** Pass 2: builds the claims. `indexReturn` finds the article's return for a subject label (percent), or null. */
export function finishTextContributions(
  pending: PendingContribution[],
  indexReturn: (label: string, near: Claim | null) => { value: number; decimals: number } | null,
  sink: ClaimSink,
): void {
  for (const p of pending) {
    const { ctx, tok } = p;
    const unitBps = tok.unit === 'bps';
    const st: Stated = {
      text: tok.text.trim(),
      value: (p.negative ? -1 : 1) * tok.abs,
      unit: unitBps ? 'bps' : 'pts',
      decimals: tok.decimals,
      qualifier: qualifierBefore(slice(ctx, clauseStart(ctx, tok.start), tok.start).replace(CONTRIB_PRE, '')),
    };
    const base = {
      type: 'contribution' as const,
      text: ctx.s.text,
      span: spanOf(ctx.s),
      focus: spanOf(tok),
      stated: st,
    };
    const ret = p.returns.find(
      (r) => r.claim.stated.qualifier === 'exact' && r.claim.focus.start !== p.weight?.start,
    );
    if (!p.weight || !ret) {
      sink.add({
        ...base,
        params: {
          kind: 'self',
          formula: 'contribution = weight × return',
          operands: [],
          computed: null,
          slack: 0,
          problem: `the sentence does not state both a weight and a return (${p.weight ? 'no return' : 'no weight'})`,
        },
      });
      continue;
    }
    const w = p.weight.abs;
    const r = ret.claim.stated.value as number;
    let R: { value: number; decimals: number } | null = null;
    if (p.end) {
      // The index: the name right after the weight ("1.12% in the Russell 2000"), else another name in the sentence.
      const w = p.weight;
      const idx =
        ctx.aliases.find((a) => a.start >= w.end && a.start - w.end <= 40) ??
        ctx.aliases.find((a) => a.entry.label !== ret.subject?.label);
      R = idx ? indexReturn(idx.entry.label, ret.claim) : null;
      if (!R) {
        sink.add({
          ...base,
          params: {
            kind: 'self',
            formula: 'w_start = w_end × (1 + R)/(1 + r); contribution = w_start × r',
            operands: [],
            computed: null,
            slack: 0,
            problem:
              'end-of-period weight: the index return R over the period is needed to recover the start weight, and the article does not state it',
          },
        });
        continue;
      }
    }
    const ops: Operand[] = [
      { label: 'weight %', value: w, decimals: p.weight.decimals },
      { label: 'return %', value: r, decimals: ret.claim.stated.decimals },
      ...(R ? [{ label: 'index return %', value: R.value, decimals: R.decimals }] : []),
    ];
    const toUnit = (bps: number) => (unitBps ? bps : bps / 100);
    const f = (xs: number[]) => toUnit(contribute(xs[0], xs[1], p.end, R ? xs[2] : null));
    let computed: number;
    try {
      computed = f(ops.map((o) => o.value));
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      sink.add({
        ...base,
        params: {
          kind: 'self',
          formula: 'contribution = weight × return',
          operands: ops,
          computed: null,
          slack: 0,
          problem: e.message,
        },
      });
      continue;
    }
    sink.add({
      ...base,
      params: {
        kind: 'self',
        formula: p.end
          ? `w_start = ${fmt(w)}% × (1 + ${fmt(R!.value)}%)/(1 + ${fmt(r)}%); contribution = w_start × ${fmt(r)}% = ${fmt(computed)} ${unitBps ? 'bps' : 'pts'}`
          : `contribution = ${fmt(w)}% × ${fmt(r)}% = ${fmt(computed)} ${unitBps ? 'bps' : 'pts'} (start weight × return)`,
        operands: ops,
        computed,
        slack: roundingSlack(f, ops),
        notes: p.end
          ? [
              'end weight converted to a start weight with the drift relation of the analytics engine (no membership change assumed)',
            ]
          : [],
      },
    });
  }
}

/** Contribution tables: weight, return and contribution columns, checked row by row. */
export function extractTableContributions(
  table: Table,
  fullText: string,
  indexReturnNear: (pos: number) => { value: number; decimals: number; label: string } | null,
  sink: ClaimSink,
): void {
  const wi = table.columns.findIndex((c) => c.kind === 'weight');
  const ci = table.columns.findIndex((c) => c.kind === 'contribution');
  const ri = table.columns.findIndex((c) => c.kind === 'return');
  if (wi < 0 || ci < 0 || ri < 0) return;
  const wc = table.columns[wi];
  const cc = table.columns[ci];
  const unitBps = !/\b(?:pts|points|pp)\b|%/.test(cc.header.toLowerCase());
  const rows = table.rows.filter((r) => r.cells[wi]?.num && r.cells[ri]?.num && r.cells[ci]?.num);
  if (rows.length === 0) return;
  const val = (t: NumTok) => (t.sign === -1 ? -1 : 1) * t.abs;
  const { R, rNote, whole } = tableIndexReturn(table, rows, wi, ri, indexReturnNear);
  for (const r of rows) {
    const wt = r.cells[wi].num as NumTok;
    const rt = r.cells[ri].num as NumTok;
    const ctok = r.cells[ci].num as NumTok;
    const label = rowLabel(r)?.text ?? `row ${table.rows.indexOf(r) + 1}`;
    const st: Stated = {
      text: r.cells[ci].text,
      value: val(ctok),
      unit: unitBps ? 'bps' : 'pts',
      decimals: ctok.decimals,
      qualifier: 'exact',
    };
    const base = {
      type: 'contribution' as const,
      text: fullText.slice(r.span.start, r.span.end),
      span: { ...r.span },
      focus: { ...r.cells[ci].span },
      stated: st,
    };
    if (wc.endWeight && !R) {
      sink.add({
        ...base,
        params: {
          kind: 'self',
          formula: 'w_start = w_end × (1 + R)/(1 + r); contribution = w_start × r',
          operands: [],
          computed: null,
          slack: 0,
          problem: `"${wc.header}" are end-of-period weights: the index return over the period is needed to recover start weights`,
        },
      });
      continue;
    }
    const ops: Operand[] = [
      { label: 'weight %', value: val(wt), decimals: wt.decimals },
      { label: 'return %', value: val(rt), decimals: rt.decimals },
      ...(R && !whole ? [{ label: 'index return %', value: R.value, decimals: R.decimals }] : []),
    ];
    const Rv = R?.value ?? null;
    const f = (xs: number[]) => {
      const bps = contribute(
        xs[0],
        xs[1],
        wc.endWeight,
        wc.endWeight ? (whole ? (Rv as number) : xs[2]) : null,
      );
      return unitBps ? bps : bps / 100;
    };
    let computed: number;
    try {
      computed = f(ops.map((o) => o.value));
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      sink.add({
        ...base,
        params: {
          kind: 'self',
          formula: 'contribution = weight × return',
          operands: ops,
          computed: null,
          slack: 0,
          problem: e.message,
        },
      });
      continue;
    }
    sink.add({
      ...base,
      params: {
        kind: 'self',
        formula: wc.endWeight
          ? `${label}: w_start = ${fmt(val(wt))}% × (1 + R)/(1 + ${fmt(val(rt))}%); contribution = w_start × r = ${fmt(computed)} ${unitBps ? 'bps' : 'pts'}`
          : `${label}: ${fmt(val(wt))}% × ${fmt(val(rt))}% = ${fmt(computed)} ${unitBps ? 'bps' : 'pts'} (weight × return)`,
        operands: ops,
        computed,
        slack: roundingSlack(f, ops),
        notes: rNote ? [rNote] : [],
      },
    });
  }
}

/**
 * The index return R a table of end-of-period weights needs: solved from the weights when they sum to
 * 100% (the whole index), else the article's own figure for the series named before the table.
 */
function tableIndexReturn(
  table: Table,
  rows: Table['rows'],
  wi: number,
  ri: number,
  indexReturnNear: (pos: number) => { value: number; decimals: number; label: string } | null,
): { R: { value: number; decimals: number } | null; rNote: string; whole: boolean } {
  const wc = table.columns[wi];
  const val = (t: NumTok) => (t.sign === -1 ? -1 : 1) * t.abs;
  let R: { value: number; decimals: number } | null = null;
  let rNote = '';
  let whole = false;
  if (wc.endWeight) {
    const wsum = rows.reduce((a, r) => a + val(r.cells[wi].num as NumTok), 0);
    if (Math.abs(wsum - 100) <= 0.5) {
      whole = true;
      const res = computeContributions(
        rows.map((r, i) => ({
          symbol: `${i}:${rowLabel(r)?.text ?? i}`,
          weightEnd: val(r.cells[wi].num as NumTok) / 100,
          return: val(r.cells[ri].num as NumTok) / 100,
        })),
        { weights: 'end', wholeIndex: true },
      );
      R = { value: (res.indexReturn ?? 0) * 100, decimals: 4 };
      rNote = `index return solved from the end weights (they sum to ${fmt(wsum)}%): R = ${fmt(R.value, 3)}%`;
    } else {
      const near = indexReturnNear(table.span.start);
      if (near) {
        R = { value: near.value, decimals: near.decimals };
        rNote = `index return R = ${fmt(near.value)}% (${near.label}, as stated in the article)`;
      }
    }
  }
  return { R, rNote, whole };
}
