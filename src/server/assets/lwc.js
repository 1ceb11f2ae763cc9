// Shared by the price charts (instrument and pair pages): a lightweight-charts chart in the page's
// theme, and the session arithmetic both use to place a range's base session.
const MD = window.MD;

/** A lightweight-charts chart in `el`, coloured from the theme's CSS variables; `extra` adds options. */
function themedChart(el, extra = {}) {
  el.innerHTML = '';
  const css = MD.css;
  const LC = window.LightweightCharts;
  return LC.createChart(el, {
    autoSize: true,
    layout: { background: { type: 'solid', color: css('--card') }, textColor: css('--fg'), fontSize: 12, panes: { separatorColor: css('--line') } },
    grid: { vertLines: { color: css('--line') }, horzLines: { color: css('--line') } },
    crosshair: { mode: LC.CrosshairMode.Normal },
    rightPriceScale: { borderColor: css('--line') },
    ...extra,
    timeScale: { borderColor: css('--line'), ...extra.timeScale },
  });
}

/** Index of the last element ≤ x in the sorted array xs (-1 if none). */
function lastOnOrBefore(xs, x) {
  let lo = 0;
  let hi = xs.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const m = (lo + hi) >> 1;
    if (xs[m] <= x) {
      ans = m;
      lo = m + 1;
    } else hi = m - 1;
  }
  return ans;
}

/** The same day `months` calendar months earlier (clamped to the month's last day). */
function monthsBefore(iso, months) {
  const [y, m, day] = iso.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 - months, 1));
  const end = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  t.setUTCDate(Math.min(day, end));
  return t.toISOString().slice(0, 10);
}

function addDays(iso, n) {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** perf's base session of a range ending at asOf: YTD = prior year's last close; N months back = last session on or before. */
function rangeBase(sessions, asOf, range) {
  if (range === 'max') return sessions[0];
  const target = range === 'ytd' ? `${Number(asOf.slice(0, 4)) - 1}-12-31` : monthsBefore(asOf, range.endsWith('y') ? 12 * Number(range.slice(0, -1)) : Number(range.slice(0, -1)));
  return sessions[Math.max(0, lastOnOrBefore(sessions, target))];
}

MD.lwc = { themedChart, lastOnOrBefore, monthsBefore, addDays, rangeBase };
