/**
 * Application state of alerts and subscriptions (rules, events, subscribers, subscriptions, outbox,
 * deliveries, suppression list, watchlists, webhook endpoints). Kept apart from the market store so
 * the server, the CLI, the scheduler and the workers can write it at once. SQLite in WAL mode
 * (`sqlite-state.ts`, one machine) and PostgreSQL (`pg-state.ts`, the distributed setup) implement it;
 * both pass the same contract test (test/alerts/state-contract-sqlite-and-postgres.test.ts).
 */

export type RuleState = 'active' | 'paused' | 'fired' | 'expired';
export type Channel = 'email' | 'sms' | 'webhook' | 'in-app';

export interface RuleChannels {
  email?: string;
  sms?: string;
  webhook?: string;
}

export interface Rule {
  id: number;
  name: string | null;
  condition: string;
  canonical: string;
  /** What the rule is about: `symbol:IWM`, `pair:IWM:SPY`, `watchlist:x`, or `all`. */
  scope: string;
  frequency: 'once' | 'every-session' | 'on-change';
  cooldown: number;
  expires: string | null;
  channels: RuleChannels;
  state: RuleState;
  stateReason: string;
  lastFiredSession: string | null;
  lastEvaluatedSession: string | null;
  createdAt: string;
}

export type NewRule = Pick<Rule, 'name' | 'condition' | 'canonical' | 'scope' | 'frequency' | 'cooldown' | 'expires' | 'channels'>;

export interface StoredEvent {
  id: number;
  ruleId: number;
  session: string;
  /** The watchlist member this event is about (a watchlist rule gives one event per member that fires); null for other rules. */
  subject: string | null;
  value: number | null;
  message: string;
  facts: unknown[];
  createdAt: string;
}

export interface OutboxRow {
  id: number;
  eventId: number | null;
  kind: 'alert' | 'confirm' | 'weekly' | 'digest' | 'notice';
  subscriberId: number | null;
  channel: Channel;
  address: string;
  payload: Record<string, unknown>;
  idempotencyKey: string;
  status: 'pending' | 'claimed' | 'sent' | 'held' | 'dead' | 'suppressed';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
}

export type NewOutbox = Pick<OutboxRow, 'kind' | 'subscriberId' | 'channel' | 'address' | 'payload' | 'idempotencyKey'> & {
  status?: 'pending' | 'held';
};

/** One event of a fire: the rule's condition, or one watchlist member of it (`subject`). */
export interface FireEvent {
  subject: string | null;
  value: number | null;
  message: string;
  facts: unknown[];
  /** One row per (event, subscriber, channel); idempotency keys derive from the event. */
  outbox: (event: { id: number }) => NewOutbox[];
}

export interface Fire {
  ruleId: number;
  session: string;
  /** Rule state after this fire (e.g. `fired` for a once rule). */
  ruleState: RuleState;
  ruleReason: string;
  /** At least one; several for a watchlist rule (one per member that fires, each its own subject). */
  events: FireEvent[];
}

export interface Subscriber {
  id: number;
  email: string | null;
  phone: string | null;
  emailConfirmed: boolean;
  phoneConfirmed: boolean;
  /** Quiet hours in America/New_York, e.g. 22..7; null = none. */
  quietStart: number | null;
  quietEnd: number | null;
  /** Messages per channel per day; beyond it, held for the digest. */
  dailyCap: number;
  /** Weekly insight: one email per ticker, or one combined digest. */
  weeklyMode: 'per-ticker' | 'combined';
  unsubscribeToken: string;
}

export interface Subscription {
  id: number;
  subscriberId: number;
  kind: 'symbol' | 'pair' | 'rule' | 'watchlist';
  target: string;
  weekly: boolean;
  alerts: boolean;
  channels: ('email' | 'sms')[];
  status: 'pending' | 'active' | 'removed';
  createdAt: string;
}

export interface StateStore {
  readonly location: string;
  migrate(): Promise<number>;
  close(): Promise<void>;

  addRule(r: NewRule): Promise<Rule>;
  /** A rule with the same canonical condition, scope and channels, if any. */
  findDuplicateRule(r: Pick<NewRule, 'canonical' | 'scope' | 'channels'>): Promise<Rule | null>;
  getRule(id: number): Promise<Rule | null>;
  listRules(): Promise<Rule[]>;
  setRuleState(id: number, state: RuleState, reason: string): Promise<void>;
  markEvaluated(id: number, session: string): Promise<void>;
  removeRule(id: number): Promise<boolean>;

  /**
   * Events + their outbox rows + the rule's new state, in one transaction. One event per (rule,
   * session, subject): an event already there is skipped; null if every one was (nothing written).
   */
  recordFire(f: Fire): Promise<{ events: StoredEvent[]; outbox: number } | null>;
  /** The last session each subject of a rule fired on ('' = the rule's own events, no subject). */
  lastFiredBySubject(ruleId: number): Promise<Map<string, string>>;
  listEvents(q?: { ruleId?: number; limit?: number; from?: string; to?: string }): Promise<(StoredEvent & { condition: string })[]>;

  /** Claim up to n due rows (pending, or claimed longer ago than the lease). Two claimers never get the same row. */
  claimOutbox(worker: string, n: number, leaseMs: number, now?: Date): Promise<OutboxRow[]>;
  /**
   * Claim one row if it is due: pending and due, claimed longer ago than the lease, or claimed by this
   * same `worker` (a delivery job retried after its process died: the job queue's lock says the first
   * run is gone). Null when it is not due, done, or claimed by another worker within the lease.
   */
  claimOutboxRow(id: number, worker: string, leaseMs: number, now?: Date): Promise<OutboxRow | null>;
  /** Record an attempt's outcome and the row's next state, in one transaction. */
  recordDelivery(id: number, outcome: { status: 'sent' | 'retry' | 'dead' | 'suppressed'; detail: string; nextAttemptAt?: string; providerId?: string }): Promise<void>;
  listOutbox(q?: { status?: string }): Promise<OutboxRow[]>;
  /** A provider's later status report (e.g. an SMS status callback) for the message it numbered; false if unknown. */
  recordProviderStatus(providerId: string, status: string): Promise<boolean>;
  listDeliveries(outboxId?: number): Promise<{ id: number; outboxId: number; attempt: number; status: string; detail: string; providerId: string | null; at: string }[]>;
  enqueue(rows: NewOutbox[]): Promise<number>;
  releaseHeld(subscriberId: number, channel: Channel): Promise<OutboxRow[]>;

  suppress(channel: Channel, address: string, reason: string): Promise<void>;
  unsuppress(channel: Channel, address: string): Promise<void>;
  isSuppressed(channel: Channel, address: string): Promise<boolean>;

  disableWebhook(url: string, reason: string): Promise<void>;
  webhookDisabled(url: string): Promise<string | null>;

  setWatchlist(name: string, symbols: string[]): Promise<void>;
  getWatchlist(name: string): Promise<string[] | null>;
  listWatchlists(): Promise<{ name: string; symbols: string[] }[]>;

  upsertSubscriber(s: { email?: string | null; phone?: string | null }): Promise<Subscriber>;
  getSubscriber(id: number): Promise<Subscriber | null>;
  findSubscriber(q: { email?: string; phone?: string; unsubscribeToken?: string }): Promise<Subscriber | null>;
  updateSubscriber(id: number, patch: Partial<Pick<Subscriber, 'emailConfirmed' | 'phoneConfirmed' | 'quietStart' | 'quietEnd' | 'dailyCap' | 'weeklyMode'>>): Promise<void>;
  addSubscription(s: Omit<Subscription, 'id' | 'status' | 'createdAt'>): Promise<Subscription>;
  listSubscriptions(q?: { subscriberId?: number; status?: string }): Promise<Subscription[]>;
  setSubscriptionStatus(id: number, status: Subscription['status']): Promise<void>;
  /** Confirmation tokens: one use, with an expiry. */
  createToken(subscriberId: number, channel: 'email' | 'sms', expiresAt: string): Promise<string>;
  useToken(token: string, now?: Date): Promise<{ subscriberId: number; channel: 'email' | 'sms' } | { error: 'unknown' | 'expired' | 'used' }>;
  /** Messages sent to a subscriber on a channel since the time given (daily caps). */
  sentSince(subscriberId: number, channel: Channel, sinceIso: string): Promise<number>;
}
