/**
 * Section `alerts`: replay speed (sessions evaluated per second over a 26-year replay, store →
 * events, and the walk alone over precomputed arrays), against the naive driver that re-cuts the
 * data and recomputes on every session (measured on a sample, extrapolated), and delivery
 * throughput to local fakes: signed webhooks (HTTP receiver), email (in-process SMTP server), SMS
 * (a fake of Twilio's Messages API). Uses the import section's store, or imports four files itself.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { compile } from '../src/alerts/compile.ts';
import { storeData } from '../src/alerts/data.ts';
import { defaultSenders, deliver } from '../src/alerts/deliver.ts';
import { replay, replayCompiled } from '../src/alerts/evaluate.ts';
import { parseCondition } from '../src/alerts/parser.ts';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.ts';
import { importPaths } from '../src/store/ingest.ts';
import { SqliteState } from '../src/store/state/sqlite-state.ts';
import type { Channel } from '../src/store/state/state-store.ts';
import type { MarketStore } from '../src/store/store.ts';
import { type BenchContext, type BenchSection, emptyResult, fmtRate, measure, type SectionResult } from './lib.ts';

const FROM = '2000-01-01';
const TO = '2026-08-21';
const CONDITIONS = ['streak IWM SPY >= 10', 'record ^GSPC close', 'cross SPY below sma200 or move IWM <= -3%'];

async function marketStore(ctx: BenchContext, log: (s: string) => void): Promise<MarketStore> {
  if (ctx.store) return ctx.store;
  const path = join(ctx.workDir, 'alerts-market.duckdb');
  log('  (importing IWM, SPY, GSPC_INDEX, RUT_INDEX first, untimed)');
  const s = await DuckDbStore.open(path);
  await importPaths(s, ['IWM', 'SPY', 'GSPC_INDEX', 'RUT_INDEX'].map((f) => join(ctx.dataDir, 'prices', `${f}.csv`)), { dataRoot: ctx.dataDir, lenient: false });
  return s;
}

function listen(server: Server | SMTPServer): Promise<number> {
  return new Promise((r) => {
    const s = server as Server;
    s.listen(0, '127.0.0.1', () => r(((server instanceof SMTPServer ? server.server : s).address() as AddressInfo).port));
  });
}

async function throughput(ctx: BenchContext, channel: Channel, address: string, n: number) {
  const state = await SqliteState.open(join(ctx.workDir, `alerts-${channel}-${Date.now()}.sqlite`));
  await state.enqueue(Array.from({ length: n }, (_, i) => ({ kind: 'alert' as const, subscriberId: null, channel, address, idempotencyKey: `msg_bench_${channel}_${i}`, payload: { subject: `alert ${i}`, text: `IWM beat SPY for ${i} straight sessions`, body: { i } } })));
  const t0 = performance.now();
  const s = await deliver(state, defaultSenders(state), { batch: 100, log: () => {} });
  const ms = performance.now() - t0;
  await state.close();
  return { ms, s };
}

export const alertsSection: BenchSection = {
  id: 'alerts',
  title: 'alerts: replay speed and delivery throughput',
  async run(ctx: BenchContext): Promise<SectionResult> {
    const out = emptyResult();
    const log = (s: string) => process.stdout.write(`${s}\n`);
    const store = await marketStore(ctx, log);
    for (const when of CONDITIONS) {
      const { stat, last } = await measure(() => replay(storeData(store), { when, frequency: 'on-change', from: FROM, to: TO }), { warmup: 1, minReps: 3, maxReps: 5, budgetMs: 5000 });
      out.rows.push({ name: `replay '${when}' ${FROM}..${TO}, store → events`, stat, figure: fmtRate(last.sessions, stat.medianMs, 'sessions'), note: `${last.sessions} sessions, ${last.events.length} events`, extra: { sessions: last.sessions, events: last.events.length } });
      const c = await compile(parseCondition(when), storeData(store));
      const walk = await measure(() => replayCompiled(c, { condition: when, frequency: 'on-change', from: FROM, to: TO }), { warmup: 2, minReps: 5, maxReps: 20, budgetMs: 1000 });
      out.rows.push({ name: `  the walk alone (arrays computed once)`, stat: walk.stat, figure: fmtRate(last.sessions, walk.stat.medianMs, 'sessions') });
    }
    // naive driver: cut the data at each session and recompute (a sample of 60 sessions)
    const when = CONDITIONS[0];
    const full = await replay(storeData(store), { when, frequency: 'every-session', from: '2026-01-01', to: '2026-03-31' });
    const c = await compile(parseCondition(when), storeData(store));
    const sample = c.dates.filter((d) => d >= '2026-01-01' && d <= '2026-03-31').slice(0, 60);
    const naive = await measure(async () => {
      const fired: string[] = [];
      for (const d of sample) {
        const cc = await compile(parseCondition(when), storeData(store, () => null, d));
        if (cc.dates.at(-1) === d && cc.holds.at(-1)) fired.push(d);
      }
      return fired;
    }, { warmup: 0, minReps: 1, maxReps: 2 });
    out.rows.push({ name: `naive driver (reload + recompute per session), ${sample.length} sessions`, stat: naive.stat, figure: fmtRate(sample.length, naive.stat.medianMs, 'sessions'), note: 'what the incremental replay avoids' });
    const inRange = full.events.map((e) => e.date).filter((d) => sample.includes(d));
    out.checks.push({ name: 'replay = per-session cut evaluation (no look-ahead)', ok: JSON.stringify(inRange) === JSON.stringify(naive.last), detail: `${naive.last.length} firing sessions in the sample` });

    // delivery throughput to local fakes
    const saved = { ...process.env };
    const hook = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    const smtp = new SMTPServer({ disabledCommands: ['STARTTLS', 'AUTH'], disableReverseLookup: true, logger: false, onData: (s, _x, cb) => s.on('end', () => cb()).resume() });
    const sms = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(201, { 'content-type': 'application/json' }).end('{"sid":"SM1"}'));
    });
    const [hp, sp, mp] = [await listen(hook), await listen(smtp), await listen(sms)];
    Object.assign(process.env, {
      MARKETDASH_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString('base64')}`,
      MARKETDASH_ALLOW_PRIVATE_WEBHOOKS: '1',
      MARKETDASH_SMTP_URL: `smtp://127.0.0.1:${sp}`,
      MARKETDASH_SMS_API_BASE: `http://127.0.0.1:${mp}`,
      MARKETDASH_SMS_ACCOUNT_SID: 'ACbench',
      MARKETDASH_SMS_AUTH_TOKEN: 'bench',
      MARKETDASH_SMS_FROM: '+15550000000',
    });
    try {
      for (const [channel, address, n] of [['webhook', `http://127.0.0.1:${hp}/hook`, 500], ['email', 'bench@example.com', 200], ['sms', '+15551234567', 300]] as const) {
        const r = await throughput(ctx, channel, address, n);
        out.rows.push({ name: `deliver ${n} ${channel} messages to a local fake (claim, send, record)`, stat: { n: 1, warmup: 0, medianMs: r.ms, minMs: r.ms, maxMs: r.ms, samplesMs: [r.ms] }, figure: fmtRate(r.s.sent, r.ms, 'msgs') });
        out.checks.push({ name: `${channel}: every message sent once`, ok: r.s.sent === n && r.s.dead === 0 && r.s.retried === 0, detail: JSON.stringify(r.s) });
      }
    } finally {
      process.env = saved;
      hook.close();
      smtp.close();
      sms.close();
    }
    if (store !== ctx.store) await store.close();
    return out;
  },
};
