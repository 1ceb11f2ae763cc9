/**
 * `marketdash alerts …`: rules (add/list/show/pause/resume/rm), replay, run (evaluate as of a
 * session, then deliver), deliver (retries), log, watchlists. Subscriptions and the digest are in
 * ./subscriptions.ts. The market store is opened read-only; state goes to the state store (SQLite
 * beside a DuckDB file, or PostgreSQL: see store/state/open.ts).
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { type AlertData, storeData } from '../../alerts/data.ts';
import { defaultSenders, deliver } from '../../alerts/deliver.ts';
import { replay } from '../../alerts/evaluate.ts';
import { addRule, ruleOrThrow } from '../../alerts/rules.ts';
import { checkAsOf, runAlerts } from '../../alerts/run.ts';
import { resolveName } from '../../facts/load.ts';
import { isSession, prevSession } from '../../model/calendar.ts';
import { UserError } from '../../model/errors.ts';
import { isPostgresUrl } from '../../store/open.ts';
import { openState } from '../../store/state/open.ts';
import type { StateStore } from '../../store/state/state-store.ts';
import type { MarketStore } from '../../store/store.ts';
import { dbPath, type GlobalOptions, openStore } from '../context.ts';
import { printJson, table } from '../output.ts';

type Opts = Record<string, string | boolean | undefined>;

export async function withAlertStores<T>(g: GlobalOptions, fn: (s: { state: StateStore; market: () => Promise<MarketStore> }) => Promise<T>): Promise<T> {
  const path = dbPath(g);
  const state = await openState(path);
  let market: MarketStore | null = null;
  try {
    return await fn({
      state,
      market: async () => {
        if (!market) {
          if (!isPostgresUrl(path) && !existsSync(path)) throw new UserError(`no market store at ${path} (run \`marketdash import\` first, or give --db)`, 'not_found');
          market = await openStore(g);
        }
        return market;
      },
    });
  } finally {
    await state.close();
    if (market) await (market as MarketStore).close();
  }
}

export const dataFor = (state: StateStore, market: MarketStore, asOf?: string): Promise<AlertData> =>
  state.listWatchlists().then((ws) => storeData(market, (n) => ws.find((w) => w.name.toLowerCase() === n.toLowerCase())?.symbols ?? null, asOf));

export function todaySession(): string {
  const today = new Date().toISOString().slice(0, 10);
  return isSession(today) ? today : prevSession(today);
}

function out(cmd: Command, doc: unknown, human: () => string) {
  if ((cmd.optsWithGlobals() as GlobalOptions).json) printJson(doc);
  else process.stdout.write(`${human()}\n`);
}

export function registerAlerts(program: Command): void {
  const alerts = program.command('alerts').description('alert rules over MarketDash facts: add, replay, run, log');
  const g = (cmd: Command) => cmd.optsWithGlobals() as GlobalOptions;

  alerts
    .command('add')
    .description('add a rule: --when CONDITION with channels (--webhook, --email, --sms)')
    .requiredOption('--when <condition>', "condition, e.g. 'streak IWM SPY >= 10' (docs/alerts.md)")
    .option('--frequency <f>', 'once | every-session | on-change', 'on-change')
    .option('--cooldown <sessions>', 'sessions between two fires')
    .option('--expires <date>', 'last session the rule is evaluated')
    .option('--webhook <url>', 'POST signed events here (MARKETDASH_WEBHOOK_SECRET)')
    .option('--email <address>', 'email the fired alerts to this address (SMTP: MARKETDASH_SMTP_URL)')
    .option('--sms <e164>', 'text the fired alerts to this phone, E.164 (+15551234567; Twilio: MARKETDASH_SMS_*)')
    .option('--name <name>', 'a label for the rule, carried in its alert messages')
    .action((o: Opts, cmd: Command) =>
      withAlertStores(g(cmd), async ({ state, market }) => {
        const m = await market();
        const r = await addRule(state, await dataFor(state, m), { when: o.when as string, name: o.name as string, frequency: o.frequency, cooldown: o.cooldown, expires: o.expires, webhook: o.webhook as string, email: o.email as string, sms: o.sms as string });
        out(cmd, { rule: r }, () => `rule #${r.id} added: ${r.condition} (${r.frequency}, ${r.scope})`);
      }),
    );

  alerts
    .command('list')
    .description('all rules with their state')
    .action((_o: Opts, cmd: Command) =>
      withAlertStores(g(cmd), async ({ state }) => {
        const rules = await state.listRules();
        out(cmd, { rules }, () => (rules.length ? table(['id', 'condition', 'frequency', 'state', 'reason', 'last fired'], rules.map((r) => [r.id, r.condition, r.frequency, r.state, r.stateReason, r.lastFiredSession])) : 'no rules'));
      }),
    );

  alerts
    .command('show')
    .argument('<id>', 'rule id, as `alerts list` shows it')
    .description('one rule, its recent events and deliveries')
    .action((id: string, _o: Opts, cmd: Command) =>
      withAlertStores(g(cmd), async ({ state }) => {
        const rule = await ruleOrThrow(state, id);
        const events = await state.listEvents({ ruleId: rule.id, limit: 20 });
        out(cmd, { rule, events }, () => [`#${rule.id} ${rule.condition}`, `  ${rule.frequency}, cooldown ${rule.cooldown}, ${rule.state} (${rule.stateReason})`, `  channels ${JSON.stringify(rule.channels)}`, ...events.map((e) => `  ${e.session}  ${e.message}`)].join('\n'));
      }),
    );

  for (const [name, state, reason] of [
    ['pause', 'paused', 'paused by the user'],
    ['resume', 'active', 're-armed by the user'],
  ] as const) {
    alerts
      .command(name)
      .argument('<id>', 'rule id, as `alerts list` shows it')
      .description(name === 'pause' ? 'stop evaluating a rule' : 're-arm a paused or fired rule')
      .action((id: string, _o: Opts, cmd: Command) =>
        withAlertStores(g(cmd), async ({ state: st }) => {
          const r = await ruleOrThrow(st, id);
          if (r.state === 'expired' && name === 'resume') throw new UserError(`rule #${r.id} expired on ${r.expires}; add a new rule`);
          await st.setRuleState(r.id, state, reason);
          out(cmd, { rule: await st.getRule(r.id) }, () => `rule #${r.id} ${state}`);
        }),
      );
  }

  alerts
    .command('rm')
    .argument('<id>', 'rule id, as `alerts list` shows it')
    .description('delete a rule and its events')
    .action((id: string, _o: Opts, cmd: Command) =>
      withAlertStores(g(cmd), async ({ state }) => {
        const r = await ruleOrThrow(state, id);
        await state.removeRule(r.id);
        out(cmd, { removed: r.id }, () => `rule #${r.id} removed`);
      }),
    );

  registerRunCommands(alerts);
}

/** replay, run, deliver, log, watchlist. */
function registerRunCommands(alerts: Command): void {
  const g = (cmd: Command) => cmd.optsWithGlobals() as GlobalOptions;
  alerts
    .command('replay')
    .description('evaluate a condition on every session of a range as if the data ended that day')
    .requiredOption('--when <condition>', "condition, e.g. 'streak IWM SPY >= 10' (docs/alerts.md)")
    .option('--frequency <f>', 'once | every-session | on-change', 'on-change')
    .option('--cooldown <sessions>', 'sessions between two fires', '0')
    .requiredOption('--from <date>', 'first session evaluated (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last session evaluated (YYYY-MM-DD)')
    .action((o: Opts, cmd: Command) =>
      withAlertStores(g(cmd), async ({ state, market }) => {
        const cooldown = Number(o.cooldown);
        if (!Number.isInteger(cooldown) || cooldown < 0) throw new UserError(`--cooldown must be a whole number ≥ 0, got '${o.cooldown}'`);
        const r = await replay(await dataFor(state, await market()), { when: o.when as string, frequency: o.frequency, from: o.from, to: o.to, cooldown });
        out(cmd, r, () => [`${r.condition} (${r.frequency}): ${r.events.length} event(s) over ${r.sessions} sessions`, ...r.events.map((e) => `${e.date}  ${e.message}`)].join('\n'));
      }),
    );

  alerts
    .command('run')
    .description('evaluate every active rule as of a session, write events, then deliver')
    .option('--as-of <date>', 'session (default: the latest NYSE session)')
    .option('--no-deliver', 'only evaluate and write the outbox')
    .action((o: Opts, cmd: Command) =>
      withAlertStores(g(cmd), async ({ state, market }) => {
        const asOf = o.asOf ? checkAsOf(o.asOf) : todaySession();
        const m = await market();
        const result = await runAlerts(state, await dataFor(state, m, asOf), asOf);
        const delivery = o.deliver === false ? null : await deliver(state, defaultSenders(state));
        out(cmd, { ...result, delivery }, () => [...result.rules.map((r) => `#${r.id} ${r.result}${r.message ? `: ${r.message}` : ''}`), delivery ? `delivered: ${JSON.stringify(delivery)}` : ''].join('\n'));
      }),
    );

  alerts
    .command('deliver')
    .description('send what is due in the outbox (retries included)')
    .option('--wait', 'keep going until nothing is pending')
    .action((o: Opts, cmd: Command) =>
      withAlertStores(g(cmd), async ({ state }) => {
        const s = await deliver(state, defaultSenders(state), { untilIdle: Boolean(o.wait) });
        out(cmd, s, () => JSON.stringify(s));
      }),
    );

  alerts
    .command('log')
    .description('the alert log: fired events, newest first')
    .option('--rule <id>', 'only the events of this rule')
    .option('--limit <n>', 'events', '50')
    .action((o: Opts, cmd: Command) =>
      withAlertStores(g(cmd), async ({ state }) => {
        const limit = Number(o.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new UserError(`--limit must be a whole number ≥ 1, got '${o.limit}'`);
        const events = await state.listEvents({ ruleId: o.rule ? (await ruleOrThrow(state, o.rule)).id : undefined, limit });
        out(cmd, { events }, () => (events.length ? events.map((e) => `${e.session}  #${e.ruleId}  ${e.message}`).join('\n') : 'no events'));
      }),
    );

  alerts
    .command('watchlist')
    .description('show or set a watchlist (for `record * close in watchlist:NAME`)')
    .argument('<name>', 'watchlist name (letters, digits, _ . -)')
    .argument('[symbols...]', 'set the watchlist to these symbols (leave out to show it)')
    .action((name: string, symbols: string[], _o: Opts, cmd: Command) =>
      withAlertStores(g(cmd), async ({ state, market }) => {
        if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new UserError(`watchlist name: letters, digits, _ . - only, got '${name}'`);
        if (symbols.length) {
          const m = await market();
          const syms = symbols.map((s) => s.toUpperCase());
          const resolved: string[] = [];
          for (const s of syms) resolved.push((await resolveName(m, s)).id);
          await state.setWatchlist(name, resolved);
        }
        const w = await state.getWatchlist(name);
        if (!w) throw new UserError(`unknown watchlist '${name}'`, 'not_found');
        out(cmd, { name, symbols: w }, () => `${name}: ${w.join(' ')}`);
      }),
    );

}
