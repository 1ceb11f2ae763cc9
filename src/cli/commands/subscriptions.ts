/**
 * `marketdash subscribe`, `subscriptions list|confirm|rm`, `digest --week-ending D [--dry-run]` and
 * `scheduler`. The weekly insight is the `report --symbol` article (or `report --pair`), rendered by
 * worker/insight.ts (the shells compose report and alerts; neither imports the other).
 */
import type { Command } from 'commander';
import { defaultSenders, deliver } from '../../alerts/deliver.ts';
import { weeklyDigest } from '../../alerts/digest.ts';
import { checkIsoDate } from '../../alerts/evaluate.ts';
import { startScheduler } from '../../alerts/scheduler.ts';
import { confirmToken, subscribe } from '../../alerts/subscriptions.ts';
import { resolveName } from '../../facts/load.ts';
import { UserError } from '../../model/errors.ts';
import type { GlobalOptions } from '../context.ts';
import { insightRenderer } from '../../worker/insight.ts';
import { printJson, table } from '../output.ts';
import { dataFor, withAlertStores } from './alerts.ts';

type Opts = Record<string, string | boolean | undefined>;

function out(cmd: Command, doc: unknown, human: () => string) {
  if ((cmd.optsWithGlobals() as GlobalOptions).json) printJson(doc);
  else process.stdout.write(`${human()}\n`);
}

export function registerSubscriptions(program: Command): void {
  const g = (cmd: Command) => cmd.optsWithGlobals() as GlobalOptions;
  program
    .command('subscribe')
    .description('subscribe an email and/or phone to a ticker, pair, rule or watchlist (double opt-in)')
    .option('--email <address>', 'email address (confirmed by a link before anything is sent)')
    .option('--sms <e164>', 'phone number, E.164 (+15551234567; confirmed by answering YES)')
    .option('--symbol <symbol>', 'subscribe to one ticker (e.g. IWM)')
    .option('--pair <A:B>', 'subscribe to a pair (e.g. IWM:SPY)')
    .option('--rule <id>', 'subscribe to the alerts of one rule (id from `alerts list`)')
    .option('--watchlist <name>', 'subscribe to a watchlist (see `alerts watchlist`)')
    .option('--weekly', 'the weekly insight by email')
    .option('--alerts', 'the alerts that fire for it')
    .option('--combined', 'one combined weekly email for all tickers (default: one per ticker)')
    .option('--quiet <hours>', 'quiet hours in New York time, e.g. 22-7 (held messages go in the digest)')
    .option('--daily-cap <n>', 'alert messages per channel per day (default 10)')
    .action((o: Opts, cmd: Command) =>
      withAlertStores(g(cmd), async ({ state, market }) => {
        const m = o.symbol || o.pair ? await market() : null;
        const names = new Map<string, string>();
        for (const s of [o.symbol, ...(typeof o.pair === 'string' ? o.pair.split(':') : [])]) if (typeof s === 'string' && s && m) names.set(s, (await resolveName(m, s)).id);
        const rule = o.rule === undefined ? undefined : Number(o.rule);
        if (rule !== undefined && !(Number.isInteger(rule) && rule > 0)) throw new UserError(`--rule must be a rule id, got '${o.rule}'`);
        const r = await subscribe(state, { email: o.email as string, sms: o.sms as string, symbol: o.symbol as string, pair: o.pair as string, rule, watchlist: o.watchlist as string, weekly: Boolean(o.weekly), alerts: Boolean(o.alerts), combined: o.combined ? true : undefined, quiet: o.quiet as string | undefined, dailyCap: o.dailyCap === undefined ? undefined : Number(o.dailyCap) }, (s) => names.get(s) ?? s.toUpperCase());
        const delivery = await deliver(state, defaultSenders(state));
        const how = delivery.sent >= r.confirmations.length ? 'sent' : 'queued (delivery is retried; see `alerts deliver`)';
        out(cmd, { ...r, delivery }, () => `subscription #${r.subscription.id} ${r.subscription.status}${r.confirmations.length ? `: confirmation by ${r.confirmations.join(' and ')} ${how}` : ''}`);
      }),
    );

  const subs = program.command('subscriptions').description('list, confirm or remove subscriptions');
  subs
    .command('list')
    .description('every subscription: subscriber, target, weekly/alerts and status')
    .action((_o: Opts, cmd: Command) =>
      withAlertStores(g(cmd), async ({ state }) => {
        const list = await state.listSubscriptions();
        const rows: (Awaited<ReturnType<typeof state.listSubscriptions>>[number] & { subscriber: Awaited<ReturnType<typeof state.getSubscriber>> })[] = [];
        for (const s of list) rows.push({ ...s, subscriber: await state.getSubscriber(s.subscriberId) });
        out(cmd, { subscriptions: rows }, () => table(['id', 'email', 'phone', 'kind', 'target', 'weekly', 'alerts', 'status'], rows.map((r) => [r.id, r.subscriber?.email ?? null, r.subscriber?.phone ?? null, r.kind, r.target, r.weekly ? 'yes' : 'no', r.alerts ? 'yes' : 'no', r.status])));
      }),
    );
  subs
    .command('confirm')
    .description("confirm a subscriber's email with the token of its confirmation link")
    .argument('<token>', 'the token from the confirmation link (confirm?token=…)')
    .action((token: string, _o: Opts, cmd: Command) =>
      withAlertStores(g(cmd), async ({ state }) => {
        const r = await confirmToken(state, token);
        out(cmd, r, () => `confirmed; ${r.activated} subscription(s) active`);
      }),
    );
  subs
    .command('rm')
    .description('remove a subscription (its subscriber and other subscriptions stay)')
    .argument('<id>', 'subscription id, as `subscriptions list` shows it')
    .action((id: string, _o: Opts, cmd: Command) =>
      withAlertStores(g(cmd), async ({ state }) => {
        const s = (await state.listSubscriptions()).find((x) => x.id === Number(id));
        if (!s) throw new UserError(`no subscription #${id}`, 'not_found');
        await state.setSubscriptionStatus(s.id, 'removed');
        out(cmd, { removed: s.id }, () => `subscription #${s.id} removed`);
      }),
    );

  program
    .command('digest')
    .description('the weekly insight for the week ending D to every weekly subscriber (and what was held back)')
    .requiredOption('--week-ending <date>', 'the last session of the week (YYYY-MM-DD, e.g. a Friday)')
    .option('--dry-run', 'print what would go to whom; send nothing')
    .action((o: Opts, cmd: Command) =>
      withAlertStores(g(cmd), async ({ state, market }) => {
        const week = checkIsoDate(o.weekEnding, '--week-ending');
        const plan = await weeklyDigest(state, week, insightRenderer(await market()), { dryRun: Boolean(o.dryRun) });
        const delivery = o.dryRun ? null : await deliver(state, defaultSenders(state));
        out(cmd, { weekEnding: week, dryRun: Boolean(o.dryRun), messages: plan, delivery }, () => (plan.length ? plan.map((p) => `${p.to}: ${p.subject} (${p.alerts.length} alert(s), ${p.held} held)`).join('\n') : 'no weekly subscribers'));
      }),
    );

  program
    .command('scheduler')
    .description('evaluate rules after new sessions arrive, send the weekly digest after the last session of the week, retry deliveries (America/New_York, NYSE calendar)')
    .option('--once', 'run one tick now and exit')
    .action(async (o: Opts, cmd: Command) => {
      const stop = await startScheduler({
        withStores: (fn) => withAlertStores(g(cmd), async ({ state, market }) => fn(state, await market())),
        dataFor,
        insight: insightRenderer,
        once: Boolean(o.once),
        log: (l) => process.stderr.write(`${new Date().toISOString()} ${l}\n`),
      });
      if (o.once) return;
      await new Promise<void>((resolve) => {
        const end = () => {
          stop();
          resolve();
        };
        process.once('SIGINT', end);
        process.once('SIGTERM', end);
      });
    });
}
