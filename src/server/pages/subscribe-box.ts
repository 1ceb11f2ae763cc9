/** "Get IWM alerts — weekly insight + SMS alerts": the subscribe box of the instrument and pair pages. */
import { h, type Raw } from './html.ts';

export function subscribeBox(t: { symbol: string } | { pair: string }): Raw {
  const label = 'symbol' in t ? t.symbol : t.pair.replace(':', ' vs ');
  const target = 'symbol' in t ? `symbol:${t.symbol}` : `pair:${t.pair}`;
  return h`<section class="card subscribe" id="subscribe-box" data-target="${target}">
<h2>Get ${label} alerts — weekly insight + SMS alerts</h2>
<form class="subscribe-form" novalidate>
<label>Email <input type="email" name="email" autocomplete="email" placeholder="you@example.com"></label>
<label>Mobile (for SMS) <input type="tel" name="sms" placeholder="+15551234567" pattern="\\+[1-9][0-9]{6,14}"></label>
<label><input type="checkbox" name="weekly" checked> Weekly insight (email)</label>
<label><input type="checkbox" name="alerts" checked> Alerts when a rule fires</label>
<button type="submit">Subscribe</button>
<p class="subscribe-status" role="status" aria-live="polite"></p>
</form>
<p class="sub">We send a confirmation first (email link or SMS YES). Every message has an unsubscribe link; reply STOP to any SMS.</p>
</section>`;
}
