/**
 * Alerts and subscriptions over HTTP. Reads (rules, the alert log, replay) are open; rule writes and
 * the subscriber list need MARKETDASH_TOKEN; the public subscribe / confirm / unsubscribe endpoints
 * and the inbound-SMS webhook are rate-limited per client address and validate every field.
 * State lives in the state store beside the market store (SQLite, or PostgreSQL; or MARKETDASH_STATE).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { storeData } from '../../alerts/data.ts';
import { defaultSenders, deliver } from '../../alerts/deliver.ts';
import { replay } from '../../alerts/evaluate.ts';
import { publicUrl } from '../../alerts/messages.ts';
import { addRule, ruleOrThrow } from '../../alerts/rules.ts';
import { confirmToken, inboundSms, subscribe, unsubscribe } from '../../alerts/subscriptions.ts';
import { resolveName } from '../../facts/load.ts';
import { UserError } from '../../model/errors.ts';
import { openState } from '../../store/state/open.ts';
import type { StateStore } from '../../store/state/state-store.ts';
import type { ServerContext } from '../context.ts';
import { sendError } from '../http.ts';
import { alertsPage } from '../pages/alerts.ts';
import { requireToken } from './admin.ts';

const RuleBody = z.object({
  when: z.string().min(1).max(500),
  frequency: z.enum(['once', 'every-session', 'on-change']).optional(),
  cooldown: z.number().int().min(0).max(10_000).optional(),
  expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  webhook: z.string().url().max(2000).optional(),
  email: z.string().email().max(254).optional(),
  sms: z.string().regex(/^\+[1-9]\d{6,14}$/, 'E.164, e.g. +15551234567').optional(),
  name: z.string().max(100).optional(),
});

const SubscribeBody = z
  .object({
    email: z.string().email().max(254).optional(),
    sms: z.string().regex(/^\+[1-9]\d{6,14}$/, 'E.164, e.g. +15551234567').optional(),
    symbol: z.string().regex(/^[\^A-Za-z0-9.-]{1,20}$/).optional(),
    pair: z.string().regex(/^[\^A-Za-z0-9.-]{1,20}:[\^A-Za-z0-9.-]{1,20}$/).optional(),
    rule: z.number().int().positive().optional(),
    weekly: z.boolean().optional(),
    alerts: z.boolean().optional(),
    combined: z.boolean().optional(),
    quiet: z.string().regex(/^\d{1,2}-\d{1,2}$/, 'hours START-END, e.g. 22-7').optional(),
    dailyCap: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

/** A fixed-window limit per client address (in memory; one server process). */
function rateLimit(perMinute: number): MiddlewareHandler {
  const hits = new Map<string, { n: number; reset: number }>();
  return async (c, next) => {
    const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
    const ip = env?.incoming?.socket?.remoteAddress ?? 'local';
    const now = Date.now();
    const h = hits.get(ip);
    if (!h || h.reset <= now) hits.set(ip, { n: 1, reset: now + 60_000 });
    else if (++h.n > perMinute) {
      return new Response(JSON.stringify({ error: { code: 'rate_limited', message: `too many requests: at most ${perMinute} a minute` } }), {
        status: 429,
        headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(Math.ceil((h.reset - now) / 1000)) },
      });
    }
    if (hits.size > 10_000) for (const [k, v] of hits) if (v.reset <= now) hits.delete(k);
    await next();
  };
}

async function body<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new UserError('the body must be JSON');
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new UserError(`${i.path.join('.') || 'body'}: ${i.message}`);
  }
  return r.data;
}

const noStore = (data: unknown, status = 200) => new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });

class ForbiddenSignature extends Error {}

/** Twilio's request signature: base64(HMAC-SHA1(token, url + sorted key+value pairs)). */
export function twilioSignature(token: string, url: string, params: Record<string, string>): string {
  const data = url + Object.keys(params).sort().map((k) => k + params[k]).join('');
  return createHmac('sha1', token).update(data).digest('base64');
}

export function registerAlertsApi(app: OpenAPIHono, ctx: ServerContext): void {
  let statePromise: Promise<StateStore> | null = null;
  const state = () => {
    // A PostgreSQL store's location hides its password: the URL the server was given is in MARKETDASH_DB (or MARKETDASH_STATE names the state).
    const shown = ctx.store.location;
    statePromise ??= openState(shown.includes(':***@') && process.env.MARKETDASH_DB ? process.env.MARKETDASH_DB : shown);
    return statePromise;
  };
  const data = async () => {
    const st = await state();
    const ws = await st.listWatchlists();
    return storeData(ctx.store, (n) => ws.find((w) => w.name.toLowerCase() === n.toLowerCase())?.symbols ?? null);
  };
  const token = requireToken(ctx.opts.token);
  const perMinute = Number(process.env.MARKETDASH_PUBLIC_RATE_LIMIT ?? 20);
  const limited = rateLimit(perMinute);
  const limitedConfirm = rateLimit(perMinute);
  const limitedUnsub = rateLimit(perMinute);
  const limitedSms = rateLimit(perMinute * 5);
  const small = bodyLimit({ maxSize: 16 * 1024, onError: () => sendError(new UserError('the request body is over 16 KiB')) });
  const wrap = (fn: (c: Context) => Promise<Response>) => async (c: Context) => {
    try {
      return await fn(c);
    } catch (e) {
      if (e instanceof ForbiddenSignature) return noStore({ error: { code: 'unauthorized', message: 'bad X-Twilio-Signature' } }, 403);
      return sendError(e);
    }
  };
  /** Confirmations and alerts queued by a request go out in the background (the scheduler retries). */
  const kick = () => {
    void state().then((st) => deliver(st, defaultSenders(st), { log: () => {} }).catch(() => undefined));
  };

  app.get('/api/alerts/rules', wrap(async () => noStore({ rules: await (await state()).listRules() })));
  app.get('/api/alerts/rules/:id', wrap(async (c) => {
    const st = await state();
    const rule = await ruleOrThrow(st, c.req.param('id'));
    return noStore({ rule, events: await st.listEvents({ ruleId: rule.id, limit: 50 }) });
  }));
  app.post('/api/alerts/rules', token, small, wrap(async (c) => {
    const b = await body(c, RuleBody);
    const rule = await addRule(await state(), await data(), b);
    return noStore({ rule }, 201);
  }));
  for (const [action, st, reason] of [['pause', 'paused', 'paused by the user'], ['resume', 'active', 're-armed by the user']] as const) {
    app.post(`/api/alerts/rules/:id/${action}`, token, wrap(async (c) => {
      const s = await state();
      const r = await ruleOrThrow(s, c.req.param('id'));
      if (r.state === 'expired' && action === 'resume') throw new UserError(`rule #${r.id} expired`, 'conflict');
      await s.setRuleState(r.id, st, reason);
      return noStore({ rule: await s.getRule(r.id) });
    }));
  }
  app.delete('/api/alerts/rules/:id', token, wrap(async (c) => {
    const s = await state();
    const r = await ruleOrThrow(s, c.req.param('id'));
    await s.removeRule(r.id);
    return noStore({ removed: r.id });
  }));
  app.get('/api/alerts/events', wrap(async (c) => {
    const limit = Number(c.req.query('limit') ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UserError('limit: a whole number 1..1000');
    const rule = c.req.query('rule');
    return noStore({ events: await (await state()).listEvents({ ruleId: rule ? (await ruleOrThrow(await state(), rule)).id : undefined, limit }) });
  }));
  app.get('/api/alerts/replay', wrap(async (c) => {
    const q = c.req.query();
    if (!q.when) throw new UserError('when: the condition is required');
    return noStore(await replay(await data(), { when: q.when, frequency: q.frequency, from: q.from, to: q.to }));
  }));

  app.post('/api/subscriptions', limited, small, wrap(async (c) => {
    const b = await body(c, SubscribeBody);
    const names = new Map<string, string>();
    for (const s of [b.symbol, ...(b.pair?.split(':') ?? [])]) if (s) names.set(s, (await resolveName(ctx.store, s)).id);
    const r = await subscribe(await state(), b, (s) => names.get(s) ?? s.toUpperCase());
    kick();
    return noStore({ status: r.subscription.status, subscription: { id: r.subscription.id, kind: r.subscription.kind, target: r.subscription.target }, confirmations: r.confirmations }, 202);
  }));
  app.get('/api/subscriptions', token, wrap(async () => noStore({ subscriptions: await (await state()).listSubscriptions() })));
  app.get('/api/subscriptions/confirm', limitedConfirm, wrap(async (c) => {
    const r = await confirmToken(await state(), c.req.query('token') ?? '');
    if ((c.req.header('accept') ?? '').includes('application/json')) return noStore(r);
    return c.html(`<!doctype html><meta charset="utf-8"><title>Subscribed</title><p>Thank you: your MarketDash subscription is confirmed (${r.activated} active).</p><p><a href="/alerts">Alerts</a></p>`);
  }));
  const unsub = wrap(async (c) => {
    const s = await unsubscribe(await state(), c.req.query('token') ?? '');
    if (c.req.method === 'POST' || (c.req.header('accept') ?? '').includes('application/json')) return noStore({ unsubscribed: true, email: s.email });
    return c.html('<!doctype html><meta charset="utf-8"><title>Unsubscribed</title><p>You are unsubscribed from MarketDash. Nothing more will be sent to this address.</p>');
  });
  app.get('/api/subscriptions/unsubscribe', limitedUnsub, unsub);
  app.post('/api/subscriptions/unsubscribe', limitedUnsub, unsub);

  registerSmsWebhooks(app, state, wrap, [limitedSms, small]);

  app.get('/alerts', wrap(async (c) => {
    const st = await state();
    return c.html(alertsPage(await st.listRules(), await st.listEvents({ limit: 100 })), 200, { 'cache-control': 'no-store' });
  }));

  registerDocs(app);
}

type Wrap = (fn: (c: Context) => Promise<Response>) => (c: Context) => Promise<Response>;

/** Inbound SMS (STOP/HELP/START) and delivery status callbacks, in Twilio's format. */
function registerSmsWebhooks(app: OpenAPIHono, state: () => Promise<StateStore>, wrap: Wrap, guards: MiddlewareHandler[]): void {
  const [limitedSms, small] = guards;
  /** Twilio's form, with X-Twilio-Signature checked when the auth token is configured. */
  const twilioForm = async (c: Context, path: string): Promise<Record<string, string>> => {
    const form = Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, String(v)]));
    const tok = process.env.MARKETDASH_SMS_AUTH_TOKEN;
    if (tok) {
      const want = Buffer.from(twilioSignature(tok, `${publicUrl()}${path}`, form));
      const got = Buffer.from(c.req.header('x-twilio-signature') ?? '');
      if (want.length !== got.length || !timingSafeEqual(want, got)) throw new ForbiddenSignature();
    }
    return form;
  };
  app.post('/api/sms/inbound', limitedSms, small, wrap(async (c) => {
    const form = await twilioForm(c, '/api/sms/inbound');
    if (!form.From || !/^\+[1-9]\d{6,14}$/.test(form.From)) throw new UserError('From: an E.164 number is required');
    const r = await inboundSms(await state(), form.From, form.Body ?? '');
    const xml = `<?xml version="1.0" encoding="UTF-8"?><Response>${r.reply ? `<Message>${r.reply.replace(/[<&>]/g, (x) => `&#${x.charCodeAt(0)};`)}</Message>` : ''}</Response>`;
    return new Response(xml, { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' } });
  }));
  app.post('/api/sms/status', limitedSms, small, wrap(async (c) => {
    const form = await twilioForm(c, '/api/sms/status');
    if (!form.MessageSid || !/^[A-Za-z0-9]{2,64}$/.test(form.MessageSid) || !/^[a-z_-]{1,32}$/.test(form.MessageStatus ?? '')) throw new UserError('MessageSid and MessageStatus are required');
    const known = await (await state()).recordProviderStatus(form.MessageSid, form.MessageStatus);
    return noStore({ recorded: known }, known ? 200 : 404);
  }));
}

function registerDocs(app: OpenAPIHono): void {
  const json = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' as const } } } });
  const paths: [string, 'get' | 'post' | 'delete', string, boolean, z.ZodType | null][] = [
    ['/api/alerts/rules', 'get', 'Alert rules with their state', false, null],
    ['/api/alerts/rules', 'post', 'Add a rule (condition language: docs/alerts.md)', true, RuleBody],
    ['/api/alerts/rules/{id}', 'get', 'One rule and its events', false, null],
    ['/api/alerts/rules/{id}/pause', 'post', 'Pause a rule', true, null],
    ['/api/alerts/rules/{id}/resume', 'post', 'Re-arm a paused or fired rule', true, null],
    ['/api/alerts/rules/{id}', 'delete', 'Delete a rule', true, null],
    ['/api/alerts/events', 'get', 'The alert log (in-app inbox), newest first', false, null],
    ['/api/alerts/replay', 'get', 'Replay a condition over past sessions, as if the data ended each day', false, null],
    ['/api/subscriptions', 'post', 'Subscribe (public, rate-limited; double opt-in)', false, SubscribeBody],
    ['/api/subscriptions', 'get', 'All subscriptions', true, null],
    ['/api/subscriptions/confirm', 'get', 'Confirm a subscription with the emailed token', false, null],
    ['/api/subscriptions/unsubscribe', 'get', 'Unsubscribe (link in every message)', false, null],
    ['/api/subscriptions/unsubscribe', 'post', 'One-click unsubscribe (List-Unsubscribe-Post)', false, null],
    ['/api/sms/inbound', 'post', 'Inbound SMS webhook (Twilio format: From, Body; STOP/HELP/START)', false, null],
    ['/api/sms/status', 'post', 'SMS status callback (Twilio format: MessageSid, MessageStatus)', false, null],
  ];
  for (const [path, method, summary, secured, schema] of paths) {
    app.openAPIRegistry.registerPath({
      method,
      path,
      tags: [path.startsWith('/api/alerts') ? 'alerts' : 'subscriptions'],
      summary,
      operationId: `${method}${path.replace(/[^A-Za-z]+(\w)?/g, (_m, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
      ...(secured ? { security: [{ token: [] }] } : {}),
      ...(path.includes('{id}') ? { request: { params: z.object({ id: z.string() }) } } : {}),
      ...(schema ? { request: { body: { required: true, content: { 'application/json': { schema } } } } } : {}),
      responses: { 200: json('ok'), 400: json('bad input'), 404: json('not found') },
    });
  }
}
