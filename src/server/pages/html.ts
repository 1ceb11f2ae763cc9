/** A tiny HTML builder: interpolations are escaped unless wrapped in raw(). */
export class Raw {
  constructor(readonly s: string) {}
  toString(): string {
    return this.s;
  }
}

export const raw = (s: string): Raw => new Raw(s);

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function part(v: unknown): string {
  if (v instanceof Raw) return v.s;
  if (Array.isArray(v)) return v.map(part).join('');
  if (v === null || v === undefined || v === false) return '';
  return esc(String(v));
}

export function h(strings: TemplateStringsArray, ...vals: unknown[]): Raw {
  let out = strings[0];
  for (let i = 0; i < vals.length; i++) out += part(vals[i]) + strings[i + 1];
  return new Raw(out);
}

/** JSON for a <script type="application/json"> block (no "</script>" can close it early). */
export function jsonScript(id: string, data: unknown): Raw {
  const s = JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return raw(`<script type="application/json" id="${esc(id)}">${s}</script>`);
}
