import { dirname, join } from 'node:path';

/**
 * Configuration is read and validated once, at start, then passed in (style.md §6).
 * Every variable of design/api.md is here with its documented default.
 */

export interface Config {
  databaseUrl: string;
  host: string;
  port: number;
  invitesPerDay: number;
  invitesPerWeek: number;
  maxConnections: number;
  resendCooldownDays: number;
  invitationTtlDays: number;
  demo: boolean;
  loginAttempts: number;
  signupsPerHour: number;
  /** Days a session stays valid after it is created. */
  sessionDays: number;
  /** log2 of scrypt's cost parameter N for new password hashes. */
  scryptLogN: number;
  /** How often `serve` runs the sweep, in seconds; 0 turns the in-process sweep off. */
  sweepIntervalSeconds: number;
  /** PostgreSQL connections each process may open (its pool); see docs/scaling.md. */
  dbPoolSize: number;
  /** SQLite's page cache per process, in MiB. */
  sqliteCacheMb: number;
  /**
   * Where live events travel between processes: a redis:// URL (Redis pub/sub), or null for the
   * default (in-process on SQLite, LISTEN/NOTIFY on PostgreSQL); see docs/scaling.md.
   */
  busUrl: string | null;
  /** The Redis pub/sub channel of this deployment: deployments sharing one Redis each need their own. */
  busChannel: string;
  /** When set, GET /metrics requires `Authorization: Bearer <token>`. */
  metricsToken: string | null;
  /** Pending invitations older than this many days count as stale for the reminder. */
  staleReminderDays: number;
  /** Set the Secure flag on the session cookie. */
  secureCookies: boolean;
  /** Behind a load balancer: take the client address from X-Forwarded-For (per-address throttles). */
  trustProxy: boolean;
  logLevel: string;
  /** M3: pending sent invitations a member may hold. */
  maxPendingSent: number;
  /** M3: "don't know" marks or reports on a sender's invitations within 30 days that restrict them. */
  restrictAfterDontKnow: number;
  /** M3: how long such a restriction lasts, in days. */
  restrictDays: number;
  /**
   * M1/M3 on send: the "don't know" mark, the sender's restriction and standing counter, the
   * pending cap. Always on; no environment variable turns it off. Only the benchmark's same-run
   * baseline (bench/servers/rapport.ts) sets it false, to measure what these checks cost.
   */
  sendTrustChecks: boolean;
  /** Wrong `recipientEmail` guesses a sender may make in 24 hours, in all (the email oracle). */
  emailGuessesPerDay: number;
  /** The same, at one recipient. */
  emailGuessesPerRecipient: number;
  /** `smtp://` or `smtps://` URL of the mail server; null: emails go to `mailDir` (N2). */
  smtpUrl: string | null;
  /** The From of every email. */
  mailFrom: string;
  /** Where links in emails point; null: the address `serve` listens on. */
  publicUrl: string | null;
  /** Grace period before an email leaves, in seconds. */
  emailDelaySeconds: number;
  /** Days after an invitation was sent when its recipient is reminded (at most two). */
  emailReminderDays: number[];
  /** Quote the note in the new-invitation email. */
  emailNote: boolean;
  /** How long a worker's claim on an email lasts before another process may send it. */
  emailLeaseSeconds: number;
  /** Without a mail server: the folder emails are written to as .eml files. */
  mailDir: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

interface IntSpec {
  key: keyof Config;
  env: string;
  def: number;
  min: number;
  max: number;
}

const INTS: IntSpec[] = [
  { key: 'port', env: 'PORT', def: 3000, min: 0, max: 65535 },
  { key: 'invitesPerDay', env: 'RAPPORT_INVITES_PER_DAY', def: 25, min: 1, max: 1_000_000 },
  { key: 'invitesPerWeek', env: 'RAPPORT_INVITES_PER_WEEK', def: 100, min: 1, max: 10_000_000 },
  { key: 'maxConnections', env: 'RAPPORT_MAX_CONNECTIONS', def: 30_000, min: 1, max: 100_000_000 },
  { key: 'resendCooldownDays', env: 'RAPPORT_RESEND_COOLDOWN_DAYS', def: 0, min: 0, max: 3650 },
  { key: 'invitationTtlDays', env: 'RAPPORT_INVITATION_TTL_DAYS', def: 180, min: 1, max: 36500 },
  { key: 'loginAttempts', env: 'RAPPORT_LOGIN_ATTEMPTS', def: 10, min: 1, max: 1_000_000 },
  { key: 'signupsPerHour', env: 'RAPPORT_SIGNUPS_PER_HOUR', def: 100, min: 1, max: 10_000_000 },
  { key: 'sessionDays', env: 'RAPPORT_SESSION_DAYS', def: 30, min: 1, max: 3650 },
  { key: 'scryptLogN', env: 'RAPPORT_SCRYPT_LOG_N', def: 15, min: 10, max: 20 },
  { key: 'sweepIntervalSeconds', env: 'RAPPORT_SWEEP_INTERVAL_SECONDS', def: 60, min: 0, max: 86_400 },
  { key: 'staleReminderDays', env: 'RAPPORT_STALE_REMINDER_DAYS', def: 30, min: 1, max: 3650 },
  { key: 'dbPoolSize', env: 'RAPPORT_DB_POOL_SIZE', def: 10, min: 1, max: 1000 },
  { key: 'sqliteCacheMb', env: 'RAPPORT_SQLITE_CACHE_MB', def: 32, min: 1, max: 65_536 },
  { key: 'maxPendingSent', env: 'RAPPORT_MAX_PENDING_SENT', def: 5000, min: 1, max: 100_000_000 },
  { key: 'restrictAfterDontKnow', env: 'RAPPORT_RESTRICT_AFTER_DONT_KNOW', def: 5, min: 1, max: 1_000_000 },
  { key: 'restrictDays', env: 'RAPPORT_RESTRICT_DAYS', def: 14, min: 1, max: 3650 },
  { key: 'emailGuessesPerDay', env: 'RAPPORT_EMAIL_GUESSES_PER_DAY', def: 10, min: 1, max: 1_000_000 },
  {
    key: 'emailGuessesPerRecipient',
    env: 'RAPPORT_EMAIL_GUESSES_PER_RECIPIENT',
    def: 3,
    min: 1,
    max: 1_000_000,
  },
  { key: 'emailDelaySeconds', env: 'RAPPORT_EMAIL_DELAY_SECONDS', def: 600, min: 0, max: 30 * 86_400 },
  { key: 'emailLeaseSeconds', env: 'RAPPORT_EMAIL_LEASE_SECONDS', def: 60, min: 1, max: 86_400 },
];

function readInt(env: NodeJS.ProcessEnv, spec: IntSpec): number {
  const raw = env[spec.env];
  if (raw === undefined || raw.trim() === '') return spec.def;
  if (!/^\d+$/.test(raw.trim())) {
    throw new ConfigError(`${spec.env} must be a whole number from ${spec.min} to ${spec.max}, got "${raw}"`);
  }
  const value = Number(raw.trim());
  if (value < spec.min || value > spec.max) {
    throw new ConfigError(`${spec.env} must be from ${spec.min} to ${spec.max}, got ${value}`);
  }
  return value;
}

function readFlag(env: NodeJS.ProcessEnv, name: string, def: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return def;
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(`${name} must be 1 or 0, got "${raw}"`);
}

/** A redis:// URL or nothing. The value is never echoed: it may carry a password. */
function readBusUrl(env: NodeJS.ProcessEnv): string | null {
  const raw = env.RAPPORT_BUS_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('RAPPORT_BUS_URL must be a redis://host:port URL, got something that is not a URL');
  }
  if (url.protocol !== 'redis:') {
    throw new ConfigError(`RAPPORT_BUS_URL must be a redis://host:port URL, got a ${url.protocol}// URL`);
  }
  if (url.hostname === '') throw new ConfigError('RAPPORT_BUS_URL must name a host: redis://host:port');
  return raw;
}

function readBusChannel(env: NodeJS.ProcessEnv): string {
  const raw = env.RAPPORT_BUS_CHANNEL?.trim();
  if (!raw) return 'rapport_live';
  if (!/^[A-Za-z0-9_.:-]{1,100}$/.test(raw)) {
    throw new ConfigError(
      `RAPPORT_BUS_CHANNEL must be 1 to 100 letters, digits or _ . : -, got "${raw.slice(0, 120)}"`,
    );
  }
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config: Config = {
    databaseUrl: env.DATABASE_URL?.trim() || './data/rapport.db',
    host: env.HOST?.trim() || '127.0.0.1',
    port: 3000,
    invitesPerDay: 25,
    invitesPerWeek: 100,
    maxConnections: 30_000,
    resendCooldownDays: 0,
    invitationTtlDays: 180,
    demo: readFlag(env, 'RAPPORT_DEMO', false),
    loginAttempts: 10,
    signupsPerHour: 100,
    sessionDays: 30,
    scryptLogN: 15,
    sweepIntervalSeconds: 60,
    dbPoolSize: 10,
    sqliteCacheMb: 32,
    metricsToken: env.RAPPORT_METRICS_TOKEN?.trim() || null,
    busUrl: readBusUrl(env),
    busChannel: readBusChannel(env),
    staleReminderDays: 30,
    secureCookies: readFlag(env, 'RAPPORT_SECURE_COOKIES', false),
    trustProxy: readFlag(env, 'RAPPORT_TRUST_PROXY', false),
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    maxPendingSent: 5000,
    restrictAfterDontKnow: 5,
    restrictDays: 14,
    sendTrustChecks: true,
    emailGuessesPerDay: 10,
    emailGuessesPerRecipient: 3,
    smtpUrl: readSmtpUrl(env),
    mailFrom: readMailFrom(env),
    publicUrl: readPublicUrl(env),
    emailDelaySeconds: 600,
    emailReminderDays: readReminderDays(env),
    emailNote: readFlag(env, 'RAPPORT_EMAIL_NOTE', false),
    emailLeaseSeconds: 60,
    mailDir: '',
  };
  for (const spec of INTS) {
    (config as unknown as Record<string, number>)[spec.key] = readInt(env, spec);
  }
  if (/^postgres(ql)?:/i.test(config.databaseUrl)) {
    try {
      new URL(config.databaseUrl);
    } catch {
      throw new ConfigError(`DATABASE_URL is not a valid postgres:// URL`);
    }
  }
  config.mailDir = env.RAPPORT_MAIL_DIR?.trim() || defaultMailDir(config.databaseUrl);
  return config;
}

/** An smtp:// or smtps:// URL or nothing. The value is never echoed: it may carry a password. */
function readSmtpUrl(env: NodeJS.ProcessEnv): string | null {
  const raw = env.RAPPORT_SMTP_URL?.trim();
  if (!raw) return null;
  const expected = 'RAPPORT_SMTP_URL must be an smtp://user:pass@host:port or smtps://… URL';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${expected}, got something that is not a URL`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(`${expected}, got a ${url.protocol}// URL`);
  }
  if (!url.hostname) throw new ConfigError(`${expected}; it names no host`);
  return raw;
}

function readMailFrom(env: NodeJS.ProcessEnv): string {
  const raw = env.RAPPORT_MAIL_FROM?.trim();
  if (!raw) return 'Rapport <no-reply@localhost>';
  // "Name <address>" or a bare address; nodemailer parses the rest.
  const address = /<([^<>]+)>\s*$/.exec(raw)?.[1] ?? raw;
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(address.trim())) {
    throw new ConfigError(
      `RAPPORT_MAIL_FROM must be an address such as "Rapport <no-reply@example.org>", got "${raw}"`,
    );
  }
  return raw;
}

function readPublicUrl(env: NodeJS.ProcessEnv): string | null {
  const raw = env.RAPPORT_PUBLIC_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`RAPPORT_PUBLIC_URL must be an http:// or https:// URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`RAPPORT_PUBLIC_URL must be an http:// or https:// URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

function readReminderDays(env: NodeJS.ProcessEnv): number[] {
  const raw = env.RAPPORT_EMAIL_REMINDER_DAYS;
  if (raw === undefined) return [7, 21];
  if (raw.trim() === '') return [];
  const parts = raw.split(',').map((p) => p.trim());
  const days = parts.map(Number);
  const valid =
    parts.every((p) => /^\d+$/.test(p)) &&
    days.every((d) => d >= 1 && d <= 3650) &&
    days.every((d, i) => i === 0 || d > (days[i - 1] as number)) &&
    days.length <= 2;
  if (!valid) {
    throw new ConfigError(
      `RAPPORT_EMAIL_REMINDER_DAYS must be up to two increasing whole numbers of days from 1 to 3650 separated by a comma (e.g. "7,21"), or empty for none; got "${raw}"`,
    );
  }
  return days;
}

/** Next to the SQLite file (data/mail for data/rapport.db); ./data/mail otherwise. */
function defaultMailDir(databaseUrl: string): string {
  if (/^postgres(ql)?:/i.test(databaseUrl) || databaseUrl === ':memory:') return join('data', 'mail');
  return join(dirname(databaseUrl), 'mail');
}

/** The configuration tests start from: fast password hashing, no background sweep. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({}),
    databaseUrl: ':memory:',
    scryptLogN: 10,
    sweepIntervalSeconds: 0,
    logLevel: 'silent',
    ...overrides,
  };
}
