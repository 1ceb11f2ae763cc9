/**
 * A batch's rows held as columns (bar-columns.ts, observation-columns.ts) behind its array property:
 * reading the property builds the objects once, and from then on the objects are the batch's rows (the
 * columns are dropped, so a change made to an object is never missed by a writer that reads columns).
 */

/** Put `cols` behind `batch[prop]`, found again with `columnsOf(batch, marker)` until the property is read. */
export function attachColumns<C, R>(batch: object, prop: string, marker: symbol, cols: C, build: (cols: C) => R[]): void {
  const b = batch as Record<string | symbol, unknown>;
  Object.defineProperty(b, marker, { value: cols, configurable: true, enumerable: false, writable: true });
  let built: R[] | null = null;
  Object.defineProperty(b, prop, {
    configurable: true,
    enumerable: true,
    get(): R[] {
      if (!built) {
        built = build(cols);
        b[marker] = undefined;
      }
      return built;
    },
    set(v: R[]) {
      built = v;
      b[marker] = undefined;
    },
  });
}

/** The columns behind a batch's rows, while they are still the truth (undefined once the rows were read). */
export function columnsOf<C>(batch: object, marker: symbol): C | undefined {
  return (batch as Record<symbol, C | undefined>)[marker];
}
