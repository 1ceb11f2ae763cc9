/** The one JSON shape every shell prints: typed arrays as plain arrays, non-finite numbers as null. */
export function toJson(doc: unknown, indent = 2): string {
  return JSON.stringify(
    doc,
    (_k, v) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as Float64Array, (x) => (Number.isFinite(x) ? x : null)) : v),
    indent,
  );
}
