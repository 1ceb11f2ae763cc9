/** Creating and managing rules: validated fully before anything is stored. */
import { UserError } from '../model/errors.ts';
import type { Rule, RuleChannels, StateStore } from '../store/state/state-store.ts';
import { subjectWatchlist, symbolsOf } from './ast.ts';
import { E164 } from './channels/sms.ts';
import { checkWebhookUrl } from './channels/ssrf.ts';
import { webhookSecret } from './channels/webhook.ts';
import { compile } from './compile.ts';
import type { AlertData } from './data.ts';
import { checkFrequency, checkIsoDate } from './evaluate.ts';
import { canonical, parseCondition } from './parser.ts';

export const EMAIL = /^[^\s@<>(),;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export function checkEmail(e: unknown, flag = '--email'): string {
  if (typeof e !== 'string' || e.length > 254 || !EMAIL.test(e)) throw new UserError(`${flag}: not an email address: '${String(e)}'`);
  return e.toLowerCase();
}

export function checkPhone(p: unknown, flag = '--sms'): string {
  if (typeof p !== 'string' || !E164.test(p)) throw new UserError(`${flag}: phone numbers must be E.164 (+15551234567), got '${String(p)}'`);
  return p;
}

export interface RuleInput {
  when: string;
  name?: string | null;
  frequency?: unknown;
  cooldown?: unknown;
  expires?: unknown;
  webhook?: string;
  email?: string;
  sms?: string;
  scope?: string;
}

export function scopeOf(when: string): string {
  const c = parseCondition(when);
  const w = subjectWatchlist(c);
  if (w !== null) return `watchlist:${w}`;
  const syms = [...new Set(symbolsOf(c))];
  if (syms.length === 1) return `symbol:${syms[0]}`;
  if (syms.length === 2) return `pair:${syms[0]}:${syms[1]}`;
  return 'all';
}

export async function addRule(state: StateStore, data: AlertData, input: RuleInput): Promise<Rule> {
  const cond = parseCondition(input.when);
  const frequency = checkFrequency(input.frequency ?? 'on-change');
  const cooldown = input.cooldown === undefined ? 0 : Number(input.cooldown);
  if (!Number.isInteger(cooldown) || cooldown < 0) throw new UserError(`--cooldown must be a whole number of sessions ≥ 0, got '${String(input.cooldown)}'`);
  const expires = input.expires === undefined ? null : checkIsoDate(input.expires, '--expires');
  const channels: RuleChannels = {};
  if (input.webhook) {
    webhookSecret();
    channels.webhook = (await checkWebhookUrl(input.webhook)).toString();
  }
  if (input.email) channels.email = checkEmail(input.email);
  if (input.sms) channels.sms = checkPhone(input.sms);
  await compile(cond, data); // unknown symbols, missing data: an error before anything is stored
  const scope = input.scope ?? scopeOf(input.when);
  const canon = canonical(cond);
  const dup = await state.findDuplicateRule({ canonical: canon, scope, channels });
  if (dup) throw new UserError(`a rule with the same condition, scope and channels exists: #${dup.id} '${dup.condition}' (${dup.state})`, 'conflict');
  return state.addRule({ name: input.name ?? null, condition: input.when.trim(), canonical: canon, scope, frequency, cooldown, expires, channels });
}

export async function ruleOrThrow(state: StateStore, id: unknown): Promise<Rule> {
  const n = Number(id);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`rule id must be a positive whole number, got '${String(id)}'`);
  const r = await state.getRule(n);
  if (!r) throw new UserError(`no rule #${n} (see \`marketdash alerts list\`)`, 'not_found');
  return r;
}
