/**
 * The "Get TICKER alerts" box on story and instrument pages. A placeholder with a stable id
 * (#alerts-box): the subscriptions work wires its form here, so this stays one small partial.
 */
import { h, type Raw } from './html.ts';

export function alertsBox(symbol: string): Raw {
  return h`<aside class="card alerts-box" id="alerts-box" data-symbol="${symbol}" aria-labelledby="alerts-box-title">
<h2 id="alerts-box-title">Get ${symbol} alerts — weekly insight + SMS</h2>
<p class="hint">A weekly note on ${symbol}'s streaks, records and relative strength, and a text message when a new one starts.</p>
<p class="alerts-soon" data-state="unavailable">Subscriptions are not open on this server yet.</p>
</aside>`;
}
