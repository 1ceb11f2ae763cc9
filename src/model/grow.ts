/** Growable typed columns (bar-columns.ts, observation-columns.ts): a copy of `a` with room for `size` items. */
export function grown<T extends Int32Array | Float64Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}
