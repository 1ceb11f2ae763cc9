/**
 * Plain calendar arithmetic on ISO dates (UTC, no time zones, no trading calendar): used to find the
 * target date of a look-back period before searching the sessions present in the data.
 */

function parts(iso: string): [number, number, number] {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
}

function fmt(y: number, m: number, d: number): string {
  const ys = y < 0 ? `-${String(-y).padStart(4, '0')}` : String(y).padStart(4, '0');
  return `${ys}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `iso` plus `n` calendar days (n may be negative). */
export function addDays(iso: string, n: number): string {
  const [y, m, d] = parts(iso);
  const t = new Date(Date.UTC(y, m - 1, d) + n * 86_400_000);
  return fmt(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * `iso` plus `n` calendar months, same day of month, clamped to the month's last day:
 * 2026-03-31 − 1 month = 2026-02-28; 2024-02-29 − 12 months = 2023-02-28.
 */
export function addMonthsClamped(iso: string, n: number): string {
  const [y, m, d] = parts(iso);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return fmt(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function startOfYear(iso: string): string {
  return `${iso.slice(0, 4)}-01-01`;
}

export function startOfMonth(iso: string): string {
  return `${iso.slice(0, 7)}-01`;
}

export function startOfQuarter(iso: string): string {
  const m = Number(iso.slice(5, 7));
  const qm = Math.floor((m - 1) / 3) * 3 + 1;
  return `${iso.slice(0, 4)}-${String(qm).padStart(2, '0')}-01`;
}
