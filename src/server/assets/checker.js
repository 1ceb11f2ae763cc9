// Checker page: POST the article to /api/check and highlight each claim with its verdict.
// An ES module: it runs once the document is parsed, and wires the form at DOMContentLoaded.
const MD = window.MD;
const esc = MD.esc;
const d = MD.pageData();
const form = document.getElementById('check-form');
const text = document.getElementById('article');
const out = document.getElementById('check-output');
const LABEL = { supported: 'supported', approximately: 'approximately right', contradicted: 'contradicted', unverifiable: 'unverifiable' };

/** "contradicted: computed … (rule)": the verdict once (the API's reason may already start with it). */
const why = (c) => (c?.reason ? c.reason.replace(/^(supported|approximately|contradicted|unverifiable)\s*:\s*/i, '') : '');
const hover = (verdict, c) => `${LABEL[verdict] || verdict}: ${why(c)}`;

/** Series, dates, formula and tolerance of one claim, from the API's evidence. */
function evidence(c) {
  const e = c.evidence || {};
  const series = (e.series || []).map((s) => `${esc(s.symbol)} (${esc(s.source)}, ${esc(s.basis || s.adjustment || '')}${s.proxy ? ', proxy' : ''}, ${esc(s.first)} → ${esc(s.last)})`);
  const dates = Object.entries(e.dates || {}).map(([k, v]) => `${esc(k)} ${esc(v)}`);
  const parts = [];
  if (series.length) parts.push(`<dt>Series</dt><dd>${series.join('; ')}</dd>`);
  if (dates.length) parts.push(`<dt>Dates</dt><dd>${dates.join(', ')}</dd>`);
  if (e.formula) parts.push(`<dt>Formula</dt><dd><code>${esc(e.formula)}</code></dd>`);
  if (c.tolerance) parts.push(`<dt>Tolerance</dt><dd>${esc(c.tolerance.rule || '')}${c.tolerance.abs !== undefined ? ` (±${esc(c.tolerance.abs)})` : ''}</dd>`);
  if (e.notes?.length) parts.push(`<dt>Notes</dt><dd>${e.notes.map(esc).join('<br>')}</dd>`);
  if (!parts.length) return '<span class="muted">—</span>';
  return `<details class="evidence" data-claim="${c.id}"><summary>Evidence</summary><dl>${parts.join('')}</dl></details>`;
}

// An explicit date in the text (a dateline, "as of January 22, 2026", 2026-01-22) always wins over the option.
const MONTH = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DATED = new RegExp(`\\b(?:${MONTH}\\s+\\d{1,2},?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})\\b`, 'i');
const explicitDate = (t) => {
  const m = DATED.exec(t);
  return m ? m[0] : null;
};

function highlight(r) {
  const spans = r.spans
    .map((s) => ({ ...s, start: s.focusStart ?? s.start, end: s.focusEnd ?? s.end }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let html = '';
  let pos = 0;
  let shown = 0;
  for (const s of spans) {
    if (s.start < pos) continue; // overlaps the previous mark: listed in the table only
    const c = r.claims.find((x) => x.id === s.claim);
    html += esc(r.text.slice(pos, s.start));
    html += `<mark class="claim v-${esc(s.verdict)}" data-claim="${s.claim}" data-verdict="${esc(s.verdict)}" title="${esc(hover(s.verdict, c))}">${esc(r.text.slice(s.start, s.end))}<sup>${s.claim}</sup></mark>`;
    pos = s.end;
    shown++;
  }
  html += esc(r.text.slice(pos));
  return { html, shown };
}

function render(r) {
  if (!r.claims || r.claims.length === 0) {
    MD.setState(out, 'empty', 'No checkable claims found in this text.');
    return;
  }
  const h = highlight(r);
  const sum = r.summary;
  out.innerHTML = `<h2>Verdicts <small>${r.asOf ? `checked as of <span id="check-asof">${esc(r.asOf)}</span>${r.asOfSource ? ` (${esc(r.asOfSource)})` : ''}` : ''}${r.dataAsOf ? ` · data to ${esc(r.dataAsOf)}` : ''}</small></h2>
<p class="summary" id="check-summary">${['supported', 'approximately', 'contradicted', 'unverifiable']
    .map((v) => `<span class="badge v-${v}" data-verdict="${v}" data-count="${sum[v]}">${sum[v]} ${LABEL[v]}</span>`)
    .join(' ')} <span class="muted">of ${sum.total} ${sum.total === 1 ? "claim" : "claims"}</span></p>
<div class="article" id="check-article">${h.html}</div>
<table class="claims" id="check-claims"><thead><tr><th>#</th><th>Claim</th><th>Stated</th><th>Computed</th><th>Verdict</th><th>Why</th><th>Evidence</th></tr></thead><tbody>
${r.claims
  .map(
(c) => `<tr data-claim="${c.id}" data-verdict="${esc(c.verdict)}"><td>${c.id}</td><td>${esc(c.text)}</td><td>${esc(c.stated ? c.stated.text : '')}</td><td>${esc(c.computed ? c.computed.text : '—')}</td><td><span class="badge v-${esc(c.verdict)}">${esc(LABEL[c.verdict] || c.verdict)}</span></td><td>${esc(why(c))}</td><td>${evidence(c)}</td></tr>`,
  )
  .join('')}</tbody></table>
${r.notes?.length ? `<ul class="notes">${r.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}`;
  out.dataset.state = 'ready';
  out.dataset.claims = String(r.claims.length);
  out.dataset.marked = String(h.shown);
  out.dataset.asOf = r.asOf || '';
  MD.wrapTables();
}

/** The form, the date note, the share link; a shared URL (text in the fragment) is checked at once. */
function wire() {
  document.getElementById('check-sample').addEventListener('click', () => {
    text.value = d.sample || '';
    text.focus();
  });

  const useAsOf = document.getElementById('use-asof');
  const dating = document.getElementById('check-dating');
  const share = document.getElementById('check-share');
  const showDating = () => {
    const x = explicitDate(text.value);
    dating.textContent = x ? `The article's own date (${x}) is used.` : useAsOf.checked ? `No date in the text: checked as of ${d.asOf}.` : 'No date in the text: checked as of the latest data.';
  };
  text.addEventListener('input', showDating);
  useAsOf.addEventListener('change', showDating);

  // Results shareable by URL: the text and the option travel in the fragment (never sent to the server).
  const shareUrl = () => {
    const p = new URLSearchParams();
    p.set('text', text.value);
    if (useAsOf.checked) p.set('relative', d.asOf);
    const fmt = document.getElementById('check-format').value;
    if (fmt) p.set('format', fmt);
    return `${window.location.pathname}${window.location.search}#${p.toString()}`;
  };
  share.addEventListener('click', async () => {
    const u = new URL(shareUrl(), window.location.href).href;
    try {
      await navigator.clipboard.writeText(u);
      share.textContent = 'Link copied';
    } catch (_) {
      share.textContent = 'Link in the address bar';
    }
  });

  if (window.location.hash.length > 1) {
    const p = new URLSearchParams(window.location.hash.slice(1));
    if (p.get('text')) {
      text.value = p.get('text');
      useAsOf.checked = !!p.get('relative');
      if (p.get('format')) document.getElementById('check-format').value = p.get('format');
      setTimeout(() => form.requestSubmit(), 0);
    }
  }
  showDating();

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { text: text.value };
    if (!body.text.trim()) {
      MD.setState(out, 'empty', 'Paste an article first.');
      return;
    }
    // A default only: the server lets a dateline or an "as of" date in the text win.
    if (useAsOf.checked) body.defaultAsOf = d.asOf;
    history.replaceState(null, '', shareUrl());
    share.hidden = false;
    showDating();
    const fmt = document.getElementById('check-format').value;
    if (fmt) body.format = fmt;
    MD.setState(out, 'loading', 'Checking…');
    const btn = document.getElementById('check-run');
    btn.disabled = true;
    try {
      const r = await fetch('/api/check', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
      const j = await r.json().catch(() => null);
      if (!r.ok) throw new Error(j?.error?.message || `HTTP ${r.status}`);
      render(j);
    } catch (err) {
      MD.setState(out, 'error', err.message);
    } finally {
      btn.disabled = false;
    }
  });
}

MD.ready(wire);
