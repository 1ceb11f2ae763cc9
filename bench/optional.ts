/** Reading numbers out of result documents whose shape varies (load-test reports). */
/** First number found at one of the dotted paths, e.g. `latency.p99`. */
export function pickNumber(obj: unknown, paths: string[]): number | null {
  for (const p of paths) {
    let v: unknown = obj;
    for (const k of p.split('.'))
      v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return null;
}
