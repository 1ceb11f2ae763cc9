// The alerts page: rule actions and the add form (with the server token, kept for this tab only),
// and the replay form (GET /api/alerts/replay).
(() => {
  const tokenInput = document.querySelector('#rule-form [name=token]');
  if (!tokenInput) return;
  tokenInput.value = sessionStorage.getItem('md-token') || '';
  const headers = () => {
    sessionStorage.setItem('md-token', tokenInput.value);
    return { 'content-type': 'application/json', authorization: `Bearer ${tokenInput.value}` };
  };
  const status = document.querySelector('#rule-form .form-status');
  const fail = async (r) => {
    const j = await r.json().catch(() => ({}));
    throw new Error((j.error?.message) || `HTTP ${r.status}`);
  };
  document.querySelector('#rules').addEventListener('click', async (ev) => {
    const b = ev.target.closest('button[data-action]');
    if (!b) return;
    const id = b.dataset.id;
    const a = b.dataset.action;
    try {
      const r = await fetch(a === 'delete' ? `/api/alerts/rules/${id}` : `/api/alerts/rules/${id}/${a}`, { method: a === 'delete' ? 'DELETE' : 'POST', headers: headers() });
      if (!r.ok) await fail(r);
      location.reload();
    } catch (e) {
      status.textContent = e.message;
    }
  });
  document.querySelector('#rule-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    const body = { when: f.get('when'), frequency: f.get('frequency') };
    for (const k of ['webhook', 'email']) if (f.get(k)) body[k] = f.get(k);
    try {
      const r = await fetch('/api/alerts/rules', { method: 'POST', headers: headers(), body: JSON.stringify(body) });
      if (!r.ok) await fail(r);
      location.reload();
    } catch (e) {
      status.textContent = e.message;
    }
  });
  document.querySelector('#replay-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const out = document.getElementById('replay-out');
    out.textContent = 'Replaying…';
    const q = new URLSearchParams(new FormData(ev.target));
    try {
      const r = await fetch(`/api/alerts/replay?${q}`, { headers: { accept: 'application/json' } });
      if (!r.ok) await fail(r);
      const j = await r.json();
      const esc = window.MD.esc;
      out.innerHTML = `<p>${j.events.length} event(s) over ${j.sessions} sessions</p><ul>${j.events.map((e) => `<li>${esc(e.date)}: ${esc(e.message)}</li>`).join('')}</ul>`;
    } catch (e) {
      out.textContent = e.message;
    }
  });
})();
