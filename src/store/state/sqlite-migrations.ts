/**
 * Schema migrations of the SQLite state store; `user_version` holds the applied count. They run with
 * foreign keys off (SQLite's documented way to rebuild a table: dropping the old `events` must not
 * null the outbox rows' `event_id`), and `foreign_key_check` must be clean before each commits.
 */

export const STATE_MIGRATIONS: string[] = [
  `CREATE TABLE rules (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     name TEXT,
     condition TEXT NOT NULL,
     canonical TEXT NOT NULL,
     scope TEXT NOT NULL,
     frequency TEXT NOT NULL CHECK (frequency IN ('once','every-session','on-change')),
     cooldown INTEGER NOT NULL DEFAULT 0,
     expires TEXT,
     channels TEXT NOT NULL,
     channels_key TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('active','paused','fired','expired')),
     state_reason TEXT NOT NULL,
     last_fired_session TEXT,
     last_evaluated_session TEXT,
     created_at TEXT NOT NULL,
     UNIQUE (canonical, scope, channels_key)
   );
   CREATE TABLE events (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     rule_id INTEGER NOT NULL REFERENCES rules(id) ON DELETE CASCADE,
     session TEXT NOT NULL,
     value REAL,
     message TEXT NOT NULL,
     facts TEXT NOT NULL,
     created_at TEXT NOT NULL,
     UNIQUE (rule_id, session)
   );
   CREATE TABLE subscribers (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     email TEXT UNIQUE,
     phone TEXT UNIQUE,
     email_confirmed INTEGER NOT NULL DEFAULT 0,
     phone_confirmed INTEGER NOT NULL DEFAULT 0,
     quiet_start INTEGER,
     quiet_end INTEGER,
     daily_cap INTEGER NOT NULL DEFAULT 10,
     weekly_mode TEXT NOT NULL DEFAULT 'per-ticker',
     unsubscribe_token TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL
   );
   CREATE TABLE subscriptions (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     subscriber_id INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
     kind TEXT NOT NULL CHECK (kind IN ('symbol','pair','rule','watchlist')),
     target TEXT NOT NULL,
     weekly INTEGER NOT NULL,
     alerts INTEGER NOT NULL,
     channels TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('pending','active','removed')),
     created_at TEXT NOT NULL
   );
   CREATE TABLE tokens (
     token TEXT PRIMARY KEY,
     subscriber_id INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
     channel TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     used_at TEXT
   );
   CREATE TABLE outbox (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
     kind TEXT NOT NULL,
     subscriber_id INTEGER,
     channel TEXT NOT NULL,
     address TEXT NOT NULL,
     payload TEXT NOT NULL,
     idempotency_key TEXT NOT NULL UNIQUE,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at TEXT NOT NULL,
     claimed_by TEXT,
     claimed_at TEXT,
     last_error TEXT,
     created_at TEXT NOT NULL
   );
   CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
   CREATE TABLE deliveries (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     outbox_id INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
     attempt INTEGER NOT NULL,
     status TEXT NOT NULL,
     detail TEXT NOT NULL,
     provider_id TEXT,
     at TEXT NOT NULL
   );
   CREATE TABLE suppression (
     channel TEXT NOT NULL,
     address TEXT NOT NULL,
     reason TEXT NOT NULL,
     at TEXT NOT NULL,
     PRIMARY KEY (channel, address)
   );
   CREATE TABLE webhook_endpoints (url TEXT PRIMARY KEY, disabled_reason TEXT NOT NULL, at TEXT NOT NULL);
   CREATE TABLE watchlists (name TEXT PRIMARY KEY, symbols TEXT NOT NULL);`,
  // 2: events get a subject (the watchlist member an event is about; '' = none, so existing rows keep
  // their meaning) and one event per (rule, session, subject). SQLite cannot change a table's UNIQUE:
  // rebuild the table with the same ids.
  `CREATE TABLE events_new (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     rule_id INTEGER NOT NULL REFERENCES rules(id) ON DELETE CASCADE,
     session TEXT NOT NULL,
     subject TEXT NOT NULL DEFAULT '',
     value REAL,
     message TEXT NOT NULL,
     facts TEXT NOT NULL,
     created_at TEXT NOT NULL,
     UNIQUE (rule_id, session, subject)
   );
   INSERT INTO events_new (id, rule_id, session, subject, value, message, facts, created_at)
     SELECT id, rule_id, session, '', value, message, facts, created_at FROM events;
   DROP TABLE events;
   ALTER TABLE events_new RENAME TO events;`,
];
