/**
 * PostgreSQL for tests: one uniquely named database per test run (created and dropped by
 * test/helpers/pgGlobalSetup.ts), and inside it one schema per test app, so that apps in
 * parallel workers never see each other's rows. Creating and migrating a schema costs about
 * 100 ms, so a closed app's schema is emptied (a few ms) and handed to the next app of the
 * same worker instead of being dropped.
 */
import type { CompiledQuery } from 'kysely';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStorage, type Storage } from '../../src/storage/database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of this run's PostgreSQL test database (set by pgGlobalSetup.ts, postgres project only). */
    pgTestDatabaseUrl: string;
  }
}

/** Where the test PostgreSQL server is: any database on it that we may connect to. */
export function serverUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
}

export function urlForDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The same database, with unqualified names resolved in `schema` (libpq's `options`). */
export function urlForSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    const where = new URL(url);
    where.password = '';
    throw new Error(
      `PostgreSQL is not reachable at ${where.toString()} (${(error as Error).message}). ` +
        'The postgres test project needs it: start PostgreSQL or point TEST_DATABASE_URL at one. ' +
        'These tests fail rather than skip.',
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a fresh, empty database on the test server; returns its URL. */
export async function createDatabase(prefix = 'rapport_test', server = serverUrl()): Promise<string> {
  const name = uniqueName(prefix);
  await withClient(server, (c) => c.query(`create database "${name}"`));
  return urlForDatabase(server, name);
}

/**
 * Drops a database made by createDatabase, closing whatever connections are still open on it.
 * A pool that was just closed may still have sessions on their way out: the drop waits for them
 * (up to 5 s) before it forces, because a session terminated while its client is closing reaches
 * that client as an uncaught "terminating connection due to administrator command".
 */
export async function dropDatabase(url: string, server = serverUrl()): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await withClient(server, async (c) => {
    const until = Date.now() + 5000;
    for (;;) {
      const { rows } = await c.query<{ n: string }>(
        'select count(*) as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
      if (Number(rows[0]?.n ?? 0) === 0 || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await c.query(`drop database if exists "${name}" with (force)`);
  });
}

// ---- one schema per test app, reused within a worker ----

let admin: pg.Pool | null = null;
let adminFor = '';
const idle: string[] = [];
let schemas = 0;

function adminPool(databaseUrl: string): pg.Pool {
  if (!admin || adminFor !== databaseUrl) {
    admin = new pg.Pool({ connectionString: databaseUrl, max: 1, allowExitOnIdle: true });
    adminFor = databaseUrl;
    idle.length = 0;
  }
  return admin;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Empties every table of the schema (except Kysely's migration bookkeeping) in one round trip,
 * children before parents, so it works for whatever tables later migrations add.
 */
async function emptySchema(pool: pg.Pool, schema: string): Promise<void> {
  let statement = emptying.get(schema);
  if (!statement) {
    statement = await emptyingStatement(pool, schema);
    emptying.set(schema, statement);
  }
  await pool.query(statement);
}

const emptying = new Map<string, string>();

async function emptyingStatement(pool: pg.Pool, schema: string): Promise<string> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = $1 and tablename not like 'kysely\\_%'`,
    [schema],
  );
  const { rows: edges } = await pool.query<{ child: string; parent: string }>(
    `select ch.relname as child, pa.relname as parent
       from pg_constraint c
       join pg_class ch on ch.oid = c.conrelid
       join pg_class pa on pa.oid = c.confrelid
       join pg_namespace n on n.oid = c.connamespace
      where c.contype = 'f' and n.nspname = $1 and c.conrelid <> c.confrelid`,
    [schema],
  );
  const order: string[] = [];
  const remaining = new Set(tables.map((t) => t.name));
  while (remaining.size > 0) {
    const leaves = [...remaining].filter(
      (t) => !edges.some((e) => e.parent === t && e.child !== t && remaining.has(e.child)),
    );
    if (leaves.length === 0) throw new Error(`foreign keys form a cycle in ${schema}`);
    for (const t of leaves.sort()) {
      order.push(t);
      remaining.delete(t);
    }
  }
  // The audit log refuses DELETE by trigger (append-only); emptying a test schema for reuse is
  // the one place that may, with triggers off for this statement's session (the test server's
  // user is a superuser).
  return [
    'set session_replication_role = replica;',
    ...order.map((t) => `delete from ${quote(schema)}.${quote(t)};`),
    'set session_replication_role = origin;',
  ].join('\n');
}

/**
 * Storage on an empty schema of the run's database (the caller migrates it; on a reused schema
 * that is a no-op). close() closes the connections and gives the schema back, emptied.
 * `fresh` asks for a schema no migration has touched yet, for a test of migrating itself.
 */
export async function openTestSchema(
  databaseUrl: string,
  poolSize?: number,
  {
    fresh = false,
    onQuery,
  }: { fresh?: boolean; onQuery?: ((query: CompiledQuery) => void) | undefined } = {},
): Promise<Storage & { url: string }> {
  const pool = adminPool(databaseUrl);
  let schema = fresh ? undefined : idle.pop();
  if (!schema) {
    schemas += 1;
    schema = `app_${process.pid}_${schemas}`;
    await pool.query(`create schema ${quote(schema)}`);
  }
  const url = urlForSchema(databaseUrl, schema);
  const storage = openStorage(url, { ...(poolSize ? { poolSize } : {}), ...(onQuery ? { onQuery } : {}) });
  const taken = schema;
  let closed = false;
  return {
    url,
    db: storage.db,
    dialect: storage.dialect,
    close: async () => {
      if (closed) return;
      closed = true;
      await storage.close();
      await emptySchema(pool, taken);
      idle.push(taken);
    },
  };
}
