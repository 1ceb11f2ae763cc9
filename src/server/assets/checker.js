// Checker page: POST the article to /api/check and highlight each claim with its verdict.
(() => {
  document.addEventListener('DOMContentLoaded', () => {
    const MD = window.MD;
    const esc = MD.esc;
    const d = MD.pageData();
    const form = document.getElementById('check-form');
    const text = document.getElementById('article');
    const out = document.getElementById('check-output');
    const LABEL = { supported: 'supported', approximately: 'approximately right', contradicted: 'contradicted', unverifiable: 'unverifiable' };

    document.getElementById('check-sample').addEventListener('click', () => {
      text.value = d.sample || '';
      text.focus();
    });

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
        html += `<mark class="claim v-${esc(s.verdict)}" data-claim="${s.claim}" data-verdict="${esc(s.verdict)}" title="${esc(`${LABEL[s.verdict] || s.verdict}: ${c ? c.reason : ''}`)}">${esc(r.text.slice(s.start, s.end))}<sup>${s.claim}</sup></mark>`;
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
      out.innerHTML = `<h2>Verdicts <small>${r.dataAsOf ? `data as of ${esc(r.dataAsOf)}` : ''}</small></h2>
<p class="summary" id="check-summary">${['supported', 'approximately', 'contradicted', 'unverifiable']
        .map((v) => `<span class="badge v-${v}" data-verdict="${v}" data-count="${sum[v]}">${sum[v]} ${LABEL[v]}</span>`)
        .join(' ')} <span class="muted">of ${sum.total} claim(s)</span></p>
<div class="article" id="check-article">${h.html}</div>
<table class="claims" id="check-claims"><thead><tr><th>#</th><th>Claim</th><th>Stated</th><th>Computed</th><th>Verdict</th><th>Why</th></tr></thead><tbody>
${r.claims
  .map(
    (c) => `<tr data-claim="${c.id}" data-verdict="${esc(c.verdict)}"><td>${c.id}</td><td>${esc(c.text)}</td><td>${esc(c.stated ? c.stated.text : '')}</td><td>${esc(c.computed ? c.computed.text : '—')}</td><td><span class="badge v-${esc(c.verdict)}">${esc(LABEL[c.verdict] || c.verdict)}</span></td><td>${esc(c.reason || '')}</td></tr>`,
  )
  .join('')}</tbody></table>
${r.notes?.length ? `<ul class="notes">${r.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}`;
      out.dataset.state = 'ready';
      out.dataset.claims = String(r.claims.length);
      out.dataset.marked = String(h.shown);
    }

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const body = { text: text.value };
      if (!body.text.trim()) {
        MD.setState(out, 'empty', 'Paste an article first.');
        return;
      }
      if (document.getElementById('use-asof').checked) body.asOf = d.asOf;
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
  });
})();
