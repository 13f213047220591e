/**
 * Every row of every table, as a value two moments can be compared by: "this refusal changed
 * nothing" is `expect(await snapshotDatabase(db)).toEqual(before)`. Tables are discovered from the
 * database itself (so a table a later migration adds is covered without touching this file); rows
 * are compared order-independently, as canonical JSON sorted within each table.
 */
import { PostgresAdapter, sql } from 'kysely';
import type { Db } from '../../src/storage/database.js';

export type DatabaseSnapshot = Record<string, string[]>;

/** The application's tables (Kysely's migration bookkeeping left out), in name order. */
export async function tableNames(db: Db): Promise<string[]> {
  const query =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`
      : sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite%'`;
  const { rows } = await query.execute(db);
  return rows
    .map((r) => r.name)
    .filter((name) => !name.startsWith('kysely_'))
    .sort();
}

/** Numbers come back as strings from some drivers and columns; one canonical form for both. */
function canonical(row: Record<string, unknown>): string {
  const keys = Object.keys(row).sort();
  const parts = keys.map((k) => {
    const v = row[k];
    const value =
      typeof v === 'bigint' ? Number(v) : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
    return `${JSON.stringify(k)}:${JSON.stringify(value)}`;
  });
  return `{${parts.join(',')}}`;
}

export async function snapshotDatabase(db: Db, tables?: readonly string[]): Promise<DatabaseSnapshot> {
  const names = tables ?? (await tableNames(db));
  const snapshot: DatabaseSnapshot = {};
  await Promise.all(
    names.map(async (name) => {
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
      snapshot[name] = rows.map(canonical).sort();
    }),
  );
  return snapshot;
}

/** What differs between two snapshots, readably: rows gone and rows new, per table. */
export function snapshotDiff(before: DatabaseSnapshot, after: DatabaseSnapshot): string[] {
  const lines: string[] = [];
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = new Set(before[table] ?? []);
    const now = new Set(after[table] ?? []);
    for (const row of was) if (!now.has(row)) lines.push(`${table} - ${row}`);
    for (const row of now) if (!was.has(row)) lines.push(`${table} + ${row}`);
  }
  return lines;
}

/** Leaves out the named tables, for changes a refusal is allowed to make (failed-login bookkeeping). */
export function withoutTables(snapshot: DatabaseSnapshot, tables: readonly string[]): DatabaseSnapshot {
  return Object.fromEntries(Object.entries(snapshot).filter(([name]) => !tables.includes(name)));
}
