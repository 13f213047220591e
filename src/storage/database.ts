import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  type CompiledQuery,
  type LogConfig,
  type SqliteDatabase,
  type Transaction,
} from 'kysely';
import { NulFreeTextPlugin } from './nulFreeText.js';
import type { Database } from './tables.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
/** A parameter of this type says "this must run inside a transaction" as a type rule. */
export type Trx = Transaction<Database>;
/** Either a transaction or the database itself, for queries that may run in both. */
export type Queryable = Kysely<Database>;

export interface Storage {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

/** Which database a handle (or a transaction on it) talks to, for the few statements that differ. */
export function dialectOf(db: Queryable): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

// COUNT(*) and BIGINT come back from PostgreSQL as strings; every such value here fits a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface StorageOptions {
  /** PostgreSQL: connections in the pool. */
  poolSize?: number;
  /**
   * SQLite: the page cache in MiB (default 32). SQLite's own default, 2 MiB, is far smaller than
   * what one deep list page touches: paging through a member's 10,000 pending invitations on a
   * million ran 900 µs a page against 290 µs with the pages cached (bench/).
   */
  cacheMiB?: number;
  /** Called with every statement run (tests read their query plans). */
  onQuery?: (query: CompiledQuery) => void;
}

export function openStorage(url: string, options: StorageOptions = {}): Storage {
  const { onQuery } = options;
  const log: LogConfig | undefined = onQuery
    ? (event) => {
        if (event.level === 'query') onQuery(event.query);
      }
    : undefined;
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      plugins: [new NulFreeTextPlugin()],
      ...(log ? { log } : {}),
    });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true });
  const sqlite = new SQLite(url);
  if (url !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`cache_size = -${Math.round((options.cacheMiB ?? 32) * 1024)}`);
  // Planner statistics for tables that never had them or changed a lot since (cheap when fresh:
  // SQLite limits how much it reads). Without them a low-selectivity index can look attractive.
  if (url !== ':memory:') sqlite.pragma('optimize = 0x10002');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    plugins: [new NulFreeTextPlugin()],
    ...(log ? { log } : {}),
  });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/**
 * Kysely prepares every query afresh, and on SQLite preparing (parsing and planning the SQL)
 * costs about as much as running a small query: under load it was a quarter of a request's CPU
 * (bench/, node --cpu-prof). Statements are reusable, and Kysely runs one query at a time on
 * the connection, so the most recent few hundred are kept by their SQL text.
 */
function withStatementCache(sqlite: SQLite.Database, size = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}
