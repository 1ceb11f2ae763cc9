/** The alerts page: rules (add, pause, resume, delete), a replay form, and the alert log (inbox). */
import type { Rule, StoredEvent } from '../../store/state/state-store.ts';
import { h } from './html.ts';
import { layout } from './layout.ts';

export function alertsPage(rules: Rule[], events: (StoredEvent & { condition: string })[]): string {
  const body = h`<div class="head"><h1>Alerts</h1></div>
<section class="card" id="rules"><h2>Rules</h2>
${
  rules.length
    ? h`<table class="data"><thead><tr><th>#</th><th>Condition</th><th>Frequency</th><th>State</th><th>Last fired</th><th></th></tr></thead><tbody>${rules.map(
        (r) => h`<tr data-rule="${r.id}"><td>${r.id}</td><td><code>${r.condition}</code></td><td>${r.frequency}${r.cooldown ? ` · cooldown ${r.cooldown}` : ''}</td><td class="state-${r.state}" title="${r.stateReason}">${r.state}<span class="sub"> ${r.stateReason}</span></td><td>${r.lastFiredSession ?? '—'}</td>
<td><button data-action="${r.state === 'active' ? 'pause' : 'resume'}" data-id="${r.id}">${r.state === 'active' ? 'Pause' : 'Resume'}</button> <button data-action="delete" data-id="${r.id}">Delete</button></td></tr>`,
      )}</tbody></table>`
    : h`<p class="empty">No rules yet.</p>`
}
<form id="rule-form" class="stack">
<label>Condition <input name="when" size="48" placeholder="streak IWM SPY >= 10" required></label>
<label>Frequency <select name="frequency"><option>on-change</option><option>once</option><option>every-session</option></select></label>
<label>Webhook <input name="webhook" type="url" placeholder="https://example.com/hook"></label>
<label>Email <input name="email" type="email"></label>
<label>Server token <input name="token" type="password" autocomplete="off" placeholder="MARKETDASH_TOKEN"></label>
<button type="submit">Add rule</button> <span class="form-status" role="status"></span>
</form></section>
<section class="card" id="replay"><h2>Replay: how often would it have fired?</h2>
<form id="replay-form" class="stack">
<label>Condition <input name="when" size="48" value="streak IWM SPY >= 10" required></label>
<label>From <input name="from" value="2000-01-01" pattern="\\d{4}-\\d{2}-\\d{2}"></label>
<label>To <input name="to" value="2026-08-21" pattern="\\d{4}-\\d{2}-\\d{2}"></label>
<label>Frequency <select name="frequency"><option>on-change</option><option>every-session</option><option>once</option></select></label>
<button type="submit">Replay</button></form>
<div id="replay-out" aria-live="polite"></div></section>
<section class="card" id="log"><h2>Alert log</h2>
${
  events.length
    ? h`<table class="data"><thead><tr><th>Session</th><th>Rule</th><th>What happened</th></tr></thead><tbody>${events.map(
        (e) => h`<tr><td>${e.session}</td><td>#${e.ruleId} <code>${e.condition}</code></td><td>${e.message}</td></tr>`,
      )}</tbody></table>`
    : h`<p class="empty">No alert has fired yet.</p>`
}
<p class="sub">JSON: <a href="/api/alerts/events">/api/alerts/events</a></p></section>`;
  return layout({ title: 'Alerts', nav: 'alerts', body, scripts: ['alerts.js'] });
}
