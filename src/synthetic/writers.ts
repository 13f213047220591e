/**
 * The dialect seam of the seeder: bulk writes through each driver directly (Kysely's query
 * building costs more than the database itself at tens of millions of rows). The whole seed is
 * one transaction: secondary indexes are dropped first and rebuilt from their own definitions at
 * the end (sorting once is far cheaper than millions of random index inserts), and if anything
 * fails, the rollback brings back the database exactly as it was, indexes included.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { isPostgresUrl, type Dialect } from '../storage/database.js';
import { SEED_EMAIL_DOMAIN, TABLE_COLUMNS, type RowBlock, type SeedTable, type SeedValue } from './plan.js';

/** The connections an invitation's two members share, walked from the side with fewer. */
const SHARED_CONNECTIONS = `
    from connections x
    where x.member_id = (case when m_s.connection_count <= m_r.connection_count then i.sender_id else i.recipient_id end)
      and exists (
        select 1 from connections y
        where y.member_id = (case when m_s.connection_count <= m_r.connection_count then i.recipient_id else i.sender_id end)
          and y.other_id = x.other_id)`;
/** Each pending invitation with its two members' rows (m_s, m_r), which the walk reads. */
const PENDING_WITH_MEMBERS = `
  from members m_s, members m_r
  where m_s.id = i.sender_id and m_r.id = i.recipient_id and i.status = 'pending'`;
/**
 * The mutual connection count of every pending invitation (P1), as sending and the connection
 * writes would have kept it: counted once, from the side with fewer connections, after the rows
 * are in and before the indexes that carry the column are built.
 */
const COUNT_MUTUALS = `
  update invitations as i set mutual_count = (select count(*) ${SHARED_CONNECTIONS})
  ${PENDING_WITH_MEMBERS}`;

/**
 * The stored preview of the same invitations (the first three shared connections' ids, id
 * order), for those with a count: what a send stores. Run after COUNT_MUTUALS.
 */
function storeMutualPreviews(dialect: Dialect): string {
  const firstThree = `select x.other_id ${SHARED_CONNECTIONS} order by x.other_id limit 3`;
  const joined =
    dialect === 'postgres'
      ? `string_agg(q.other_id, ',' order by q.other_id)`
      : `group_concat(q.other_id, ',' order by q.other_id)`;
  return `
  update invitations as i set mutual_preview = (select ${joined} from (${firstThree}) q)
  ${PENDING_WITH_MEMBERS} and i.mutual_count > 0`;
}

export interface SeedWriter {
  readonly dialect: Dialect;
  /** Whether members of an earlier seed are there already (their emails would collide). */
  hasSeededMembers(): Promise<boolean>;
  /** Opens the transaction and sets secondary indexes (and, on PostgreSQL, foreign keys) aside. */
  begin(): Promise<void>;
  write(blocks: readonly RowBlock[]): Promise<void>;
  /** Rebuilds what `begin` set aside, refreshes planner statistics and commits. */
  commit(): Promise<void>;
  rollback(): Promise<void>;
  close(): Promise<void>;
}

const TABLES = Object.keys(TABLE_COLUMNS) as SeedTable[];

export function openSeedWriter(url: string): SeedWriter {
  return isPostgresUrl(url) ? new PostgresSeedWriter(url) : new SqliteSeedWriter(url);
}

/** Rows per INSERT statement: big enough to amortize each call, small enough to stay in cache. */
const SQLITE_ROWS_PER_STATEMENT = 100;

class SqliteSeedWriter implements SeedWriter {
  readonly dialect = 'sqlite' as const;
  private readonly db: SQLite.Database;
  private readonly statements = new Map<string, SQLite.Statement>();
  private indexes: { name: string; sql: string }[] = [];
  private journalMode = 'wal';

  constructor(path: string) {
    this.db = new SQLite(path);
  }

  async hasSeededMembers(): Promise<boolean> {
    const row = this.db
      .prepare(`select 1 as found from members where email_normalized like ? limit 1`)
      .get(`%@${SEED_EMAIL_DOMAIN}`);
    return row !== undefined;
  }

  async begin(): Promise<void> {
    this.journalMode = String(this.db.pragma('journal_mode', { simple: true }));
    // A rollback journal holds only pages that existed before; WAL would write every new page twice.
    if (this.journalMode === 'wal') {
      try {
        this.db.pragma('journal_mode = delete');
      } catch {
        // Another connection has the file open: stay in WAL, which is only slower.
        this.journalMode = 'unchanged';
      }
    }
    this.db.pragma('synchronous = off');
    // Up to 4 GiB of page cache (taken only as pages are touched): the quick data set is 1.2 GiB,
    // and a cache smaller than the file spills dirty pages mid-load and re-reads them for each
    // index build (1 GiB measured ~20 % slower than this on the quick seed).
    this.db.pragma('cache_size = -4194304');
    this.db.pragma('temp_store = memory');
    // Index builds sort; let SQLite's sorter merge on a second thread.
    this.db.pragma('threads = 2');
    this.db.pragma('foreign_keys = off');
    this.db.exec('begin immediate');
    const placeholders = TABLES.map(() => '?').join(', ');
    this.indexes = this.db
      .prepare(
        `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${placeholders})`,
      )
      .all(...TABLES) as { name: string; sql: string }[];
    for (const index of this.indexes) this.db.exec(`drop index "${index.name}"`);
  }

  async write(blocks: readonly RowBlock[]): Promise<void> {
    for (const block of blocks) {
      const width = TABLE_COLUMNS[block.table].length;
      const full = this.statement(block.table, SQLITE_ROWS_PER_STATEMENT);
      const step = SQLITE_ROWS_PER_STATEMENT * width;
      const values = block.values;
      let offset = 0;
      for (; offset + step <= values.length; offset += step) full.run(values.slice(offset, offset + step));
      const rest = (values.length - offset) / width;
      if (rest > 0) this.statement(block.table, rest).run(values.slice(offset));
    }
  }

  async commit(): Promise<void> {
    this.db.exec(COUNT_MUTUALS);
    this.db.exec(storeMutualPreviews('sqlite'));
    for (const index of this.indexes) this.db.exec(index.sql);
    this.db.exec('commit');
    // Planner statistics for the new rows, as PostgreSQL's writer runs ANALYZE; sampled (as
    // PostgreSQL's is) rather than a full scan of every index, which cost seconds per million rows.
    this.db.pragma('analysis_limit = 1000');
    this.db.pragma('optimize = 0x10002');
    this.db.pragma('analysis_limit = 0');
    this.db.pragma('synchronous = normal');
    if (this.journalMode === 'wal') this.db.pragma('journal_mode = wal');
  }

  async rollback(): Promise<void> {
    if (this.db.inTransaction) this.db.exec('rollback');
    if (this.journalMode === 'wal') this.db.pragma('journal_mode = wal');
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private statement(table: SeedTable, rows: number): SQLite.Statement {
    const key = `${table}:${rows}`;
    let statement = this.statements.get(key);
    if (!statement) {
      const columns = TABLE_COLUMNS[table];
      const tuple = `(${columns.map(() => '?').join(',')})`;
      statement = this.db.prepare(
        `insert into ${table} (${columns.join(',')}) values ${new Array<string>(rows).fill(tuple).join(',')}`,
      );
      this.statements.set(key, statement);
    }
    return statement;
  }
}

/** Rows per chunk of COPY text handed to the stream: a few hundred kilobytes. */
const PG_ROWS_PER_CHUNK = 2000;

/** A value in COPY's text format: \N for null, text with backslash, tab, newline and CR escaped. */
function copyText(value: SeedValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : value;
}

/** A block's rows as COPY text, a chunk of rows at a time. */
function* copyChunks(block: RowBlock): Generator<string> {
  const width = TABLE_COLUMNS[block.table].length;
  const values = block.values;
  for (let first = 0; first < block.rows; first += PG_ROWS_PER_CHUNK) {
    const last = Math.min(block.rows, first + PG_ROWS_PER_CHUNK);
    let text = '';
    for (let row = first; row < last; row++) {
      const base = row * width;
      text += copyText(values[base] as SeedValue);
      for (let c = 1; c < width; c++) text += `\t${copyText(values[base + c] as SeedValue)}`;
      text += '\n';
    }
    yield text;
  }
}

class PostgresSeedWriter implements SeedWriter {
  readonly dialect = 'postgres' as const;
  private readonly client: pg.Client;
  private connected: Promise<void> | null = null;
  private indexes: { name: string; def: string }[] = [];
  private foreignKeys: { name: string; tbl: string; def: string }[] = [];

  constructor(url: string) {
    this.client = new pg.Client({ connectionString: url });
  }

  private async query<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
    this.connected ??= this.client.connect().then(() => undefined);
    await this.connected;
    return (await this.client.query<T>(text, params)).rows;
  }

  async hasSeededMembers(): Promise<boolean> {
    const rows = await this.query(`select 1 from members where email_normalized like $1 limit 1`, [
      `%@${SEED_EMAIL_DOMAIN}`,
    ]);
    return rows.length > 0;
  }

  async begin(): Promise<void> {
    await this.query('begin');
    await this.query(`set local synchronous_commit = off`);
    await this.query(`set local maintenance_work_mem = '512MB'`);
    // Lock the tables first, so nothing else writes into them while their indexes are set aside.
    await this.query(`lock table ${TABLES.join(', ')} in share row exclusive mode`);
    this.foreignKeys = await this.query(
      `select c.conname as name, t.relname as tbl, pg_get_constraintdef(c.oid) as def
         from pg_constraint c join pg_class t on t.oid = c.conrelid
        where c.contype = 'f' and t.relname = any($1) and t.relnamespace = current_schema()::regnamespace`,
      [TABLES],
    );
    this.indexes = await this.query(
      `select ic.relname as name, pg_get_indexdef(i.indexrelid) as def
         from pg_index i join pg_class t on t.oid = i.indrelid join pg_class ic on ic.oid = i.indexrelid
        where t.relname = any($1) and t.relnamespace = current_schema()::regnamespace
          and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
      [TABLES],
    );
    for (const fk of this.foreignKeys) await this.query(`alter table ${fk.tbl} drop constraint "${fk.name}"`);
    for (const index of this.indexes) await this.query(`drop index "${index.name}"`);
  }

  /** Each block through COPY … FROM STDIN: no statement per batch, no parameters to bind. */
  async write(blocks: readonly RowBlock[]): Promise<void> {
    this.connected ??= this.client.connect().then(() => undefined);
    await this.connected;
    for (const block of blocks) {
      if (block.rows === 0) continue;
      const columns = TABLE_COLUMNS[block.table].join(', ');
      const copy = this.client.query(copyFrom(`copy ${block.table} (${columns}) from stdin`));
      await pipeline(Readable.from(copyChunks(block)), copy);
    }
  }

  async commit(): Promise<void> {
    await this.query(COUNT_MUTUALS);
    await this.query(storeMutualPreviews('postgres'));
    for (const index of this.indexes) await this.query(index.def);
    for (const fk of this.foreignKeys) {
      await this.query(`alter table ${fk.tbl} add constraint "${fk.name}" ${fk.def}`);
    }
    await this.query('commit');
    await this.query(`analyze ${TABLES.join(', ')}`);
  }

  async rollback(): Promise<void> {
    await this.query('rollback');
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
