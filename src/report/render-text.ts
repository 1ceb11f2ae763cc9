/** Rendering paragraphs: every fact reference goes through `fmt`; writers add their own escaping. */
import { fmt } from './format.ts';
import type { Fact, Para } from './types.ts';

export type FactIndex = ReadonlyMap<string, Fact>;

export function indexFacts(facts: readonly Fact[]): FactIndex {
  return new Map(facts.map((f) => [f.id, f]));
}

/** A paragraph as text; `esc` escapes literal text, `num` wraps a formatted number. */
export function renderPara(
  p: Para,
  facts: FactIndex,
  esc: (s: string) => string = (s) => s,
  num: (s: string, id: string) => string = (s) => s,
): string {
  return p
    .map((x) => {
      if (typeof x === 'string') return esc(x);
      const f = facts.get(x.f);
      if (!f) throw new Error(`article refers to unknown fact ${x.f}`);
      return num(esc(fmt(f, x.s)), x.f);
    })
    .join('');
}

/** Plain text (code-span backticks removed). */
export const plain = (p: Para, facts: FactIndex): string => renderPara(p, facts).replace(/`/g, '');
