// The subscribe box: posts to /api/subscriptions and shows what happens next (double opt-in).
(() => {
  const box = document.getElementById('subscribe-box');
  if (!box) return;
  const form = box.querySelector('form');
  const status = box.querySelector('.subscribe-status');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const [kind, ...rest] = box.dataset.target.split(':');
    const f = new FormData(form);
    const body = { weekly: f.get('weekly') === 'on', alerts: f.get('alerts') === 'on' };
    body[kind] = rest.join(':');
    const email = String(f.get('email') || '').trim();
    const sms = String(f.get('sms') || '').trim();
    if (email) body.email = email;
    if (sms) body.sms = sms;
    status.textContent = 'Sending…';
    try {
      const r = await fetch('/api/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const j = await r.json().catch(() => ({}));
      if (!r.ok) throw new Error((j.error?.message) || `HTTP ${r.status}`);
      const how = (j.confirmations || []).map((c) => (c === 'email' ? 'click the link we emailed you' : 'answer YES to our SMS')).join(' and ');
      status.textContent = how ? `Almost done: ${how}.` : 'Subscribed.';
      status.dataset.state = 'ok';
    } catch (e) {
      status.textContent = `Not subscribed: ${e.message}`;
      status.dataset.state = 'error';
    }
  });
})();
