// The session date picker: offers only dates with data (from the page's sessions URL); picking
// navigates (URLs carry the state) unless a page script takes the md:pick event.
const MD = window.MD;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DOW = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
const pad = (n) => String(n).padStart(2, '0');
const monthOf = (d) => ({ y: Number(d.slice(0, 4)), m: Number(d.slice(5, 7)) - 1 });

/** Index of the last session on or before the picker's value (-1 if none). */
function index(p) {
  let lo = 0;
  let hi = p.sessions.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (p.sessions[mid] <= p.value) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/** The ‹ › links: the previous and next sessions. */
function steps(p) {
  const i = index(p);
  const link = (a, d) => {
    if (d) {
      a.href = MD.urlWith(p.param, d);
      a.dataset.date = d;
      a.removeAttribute('aria-disabled');
    } else {
      a.removeAttribute('href');
      a.setAttribute('aria-disabled', 'true');
    }
  };
  link(p.prev, i > 0 ? p.sessions[i - 1] : null);
  link(p.next, i >= 0 && i < p.sessions.length - 1 ? p.sessions[i + 1] : null);
}

function load(p) {
  p.loading ??= MD.fetchJson(p.root.dataset.sessions).then((d) => {
    p.sessions = d.sessions;
    p.set = new Set(p.sessions);
    steps(p);
    return p.sessions;
  });
  return p.loading;
}

function setValue(p, d) {
  p.value = d;
  p.root.dataset.value = d;
  p.toggle.textContent = d;
  p.view = monthOf(d);
  if (p.sessions) steps(p);
}

function pick(p, d) {
  const ev = new CustomEvent('md:pick', { detail: { param: p.param, date: d }, bubbles: true, cancelable: true });
  close(p);
  if (p.root.dispatchEvent(ev)) window.location.assign(MD.urlWith(p.param, d));
  else setValue(p, d);
}

/** The month grid: session days as buttons, other days greyed out. */
function grid(p) {
  const { y, m } = p.view;
  const days = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const lead = (new Date(Date.UTC(y, m, 1)).getUTCDay() + 6) % 7;
  let html = DOW.map((d) => `<span class="dow">${d}</span>`).join('');
  for (let i = 0; i < lead; i++) html += '<span class="blank"></span>';
  let any = false;
  for (let d = 1; d <= days; d++) {
    const iso = `${y}-${pad(m + 1)}-${pad(d)}`;
    if (p.set.has(iso)) {
      any = true;
      html += `<button type="button" class="dp-day${iso === p.value ? ' sel' : ''}" data-date="${iso}">${d}</button>`;
    } else html += `<span class="dp-day off" aria-disabled="true">${d}</span>`;
  }
  return { html, any };
}

function render(p) {
  const first = p.sessions[0];
  const last = p.sessions[p.sessions.length - 1];
  const years = [];
  for (let y = Number(last.slice(0, 4)); y >= Number(first.slice(0, 4)); y--) years.push(`<option${y === p.view.y ? ' selected' : ''}>${y}</option>`);
  const g = grid(p);
  p.panel.innerHTML = `<div class="dp-head"><button type="button" class="dp-mprev" aria-label="previous month">‹</button>
<select class="dp-month" aria-label="month">${MONTHS.map((name, i) => `<option value="${i}"${i === p.view.m ? ' selected' : ''}>${name}</option>`).join('')}</select>
<select class="dp-year" aria-label="year">${years.join('')}</select>
<button type="button" class="dp-mnext" aria-label="next month">›</button></div>
<div class="dp-grid">${g.html}</div>${g.any ? '' : '<div class="dp-none">no sessions in this month</div>'}
<div class="dp-foot">${p.sessions.length.toLocaleString('en-US')} sessions, ${first} → ${last}</div>`;
}

/** Keep the panel inside the viewport (phones: CSS centres it; wide screens: shift it back in). */
function clamp(panel) {
  panel.style.marginLeft = '';
  const r = panel.getBoundingClientRect();
  if (getComputedStyle(panel).position === 'fixed') return;
  if (r.left < 8) panel.style.marginLeft = `${8 - r.left}px`;
  else if (r.right > window.innerWidth - 8) panel.style.marginLeft = `${window.innerWidth - 8 - r.right}px`;
}

function open(p) {
  p.panel.hidden = false;
  p.toggle.setAttribute('aria-expanded', 'true');
  if (!p.sessions) p.panel.innerHTML = '<div class="loading">Loading sessions…</div>';
  clamp(p.panel);
  load(p).then(
    () => {
      render(p);
      clamp(p.panel);
    },
    (e) => {
      p.panel.innerHTML = `<div class="error">${MD.esc(e.message)}</div>`;
    },
  );
}

function close(p) {
  p.panel.hidden = true;
  p.toggle.setAttribute('aria-expanded', 'false');
}

function onPanelClick(p, e) {
  const t = e.target.closest('button');
  if (!t) return;
  if (t.classList.contains('dp-day')) pick(p, t.dataset.date);
  else if (t.classList.contains('dp-mprev') || t.classList.contains('dp-mnext')) {
    const m = p.view.m + (t.classList.contains('dp-mprev') ? -1 : 1);
    p.view = { y: p.view.y + Math.floor(m / 12), m: ((m % 12) + 12) % 12 };
    render(p);
  }
}

function initPicker(root) {
  const p = { root, param: root.dataset.param, value: root.dataset.value, sessions: null, set: null, loading: null };
  p.toggle = root.querySelector('.dp-toggle');
  p.panel = root.querySelector('.dp-panel');
  p.prev = root.querySelector('.dp-prev');
  p.next = root.querySelector('.dp-next');
  p.view = monthOf(p.value);
  root.mdSetValue = (d) => setValue(p, d);
  p.toggle.addEventListener('click', () => (p.panel.hidden ? open(p) : close(p)));
  p.panel.addEventListener('click', (e) => onPanelClick(p, e));
  p.panel.addEventListener('change', (e) => {
    if (e.target.classList.contains('dp-month')) p.view.m = Number(e.target.value);
    if (e.target.classList.contains('dp-year')) p.view.y = Number(e.target.value);
    render(p);
  });
  for (const a of [p.prev, p.next]) {
    a.addEventListener('click', (e) => {
      e.preventDefault();
      if (a.dataset.date) pick(p, a.dataset.date);
    });
  }
  document.addEventListener('click', (e) => {
    if (!root.contains(e.target)) close(p);
  });
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close(p);
  });
  load(p).catch(() => {});
}

MD.ready(() => {
  for (const el of document.querySelectorAll('.datepicker')) initPicker(el);
});
