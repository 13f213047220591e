/**
 * Browser tests drive the real app: the API and the built web app (web/dist) served by one
 * in-process server on a free port, and Debian's Chromium through playwright-core.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type ConsoleMessage,
  type Locator,
  type Page,
} from 'playwright-core';
import { onTestFinished } from 'vitest';
import { DAY, type Clock } from '../../src/clock.js';
import type { Deps } from '../../src/commands/deps.js';
import { testConfig, type Config } from '../../src/config.js';
import { InProcessBus } from '../../src/events/bus.js';
import { buildApp } from '../../src/http/app.js';
import { Metrics } from '../../src/metrics.js';
import { openStorage } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrate.js';

const ROOT = resolve(import.meta.dirname, '../..');
const WEB = join(ROOT, 'web');
const DIST = join(WEB, 'dist');
export const SCREENSHOTS = join(ROOT, 'screenshots');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (max, entry) => Math.max(max, newestMtime(join(path, entry))),
    stat.mtimeMs,
  );
}

function webIsStale(): boolean {
  const built = join(DIST, 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['src', 'public', 'index.html', 'vite.config.ts']
    .map((p) => join(WEB, p))
    .filter(existsSync);
  return Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
}

/**
 * Builds web/dist when it is missing or older than web/src, once even when several test files
 * start together (a lock directory; the others wait for it).
 */
export async function ensureWebBuilt(): Promise<void> {
  const lock = join(ROOT, 'node_modules', '.rapport-web-build.lock');
  const deadline = Date.now() + 120_000;
  while (webIsStale()) {
    try {
      mkdirSync(lock);
    } catch {
      // A lock left by a run that was killed mid-build is stale after two minutes.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmdirSync(lock);
      } catch {
        // Released meanwhile: try again.
      }
      if (Date.now() > deadline) throw new Error(`web build lock ${lock} is held too long; remove it`);
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      if (!webIsStale()) break;
      const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
      const run = spawnSync(
        process.execPath,
        [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
        {
          cwd: ROOT,
          encoding: 'utf8',
          // Under vitest NODE_ENV is "test", which would make Vite bundle React's development build.
          env: { ...process.env, NODE_ENV: 'production' },
        },
      );
      if (run.status !== 0) throw new Error(`vite build failed:\n${run.stdout}\n${run.stderr}`);
    } finally {
      rmdirSync(lock);
    }
  }
}

/** Real time plus an offset that a test may move, so the browser's clock and the server's agree. */
export class ShiftedClock implements Clock {
  offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  /** Runs `work` as if it were `days` ago, then comes back to the present. */
  async daysAgo<T>(days: number, work: () => Promise<T>): Promise<T> {
    const before = this.offset;
    this.offset -= days * DAY;
    try {
      return await work();
    } finally {
      this.offset = before;
    }
  }
}

export interface Member {
  id: string;
  name: string;
  email: string;
  password: string;
  token: string;
}

export interface BrowserServer {
  baseUrl: string;
  app: FastifyInstance;
  deps: Deps;
  clock: ShiftedClock;
  /** Calls the API as a member (Bearer) and returns the parsed body; throws on an unexpected status. */
  api<T = unknown>(member: Member, method: string, path: string, body?: unknown, expect?: number): Promise<T>;
  signUp(name: string, headline?: string): Promise<Member>;
  /** `from` invites `to` (with an optional note), returning the invitation id. */
  invite(from: Member, to: Member, message?: string): Promise<string>;
  close(): Promise<void>;
}

let emailCounter = 0;

export async function startServer(config: Partial<Config> = {}): Promise<BrowserServer> {
  await ensureWebBuilt();
  const fullConfig = testConfig({ signupsPerHour: 1_000_000, sessionDays: 3650, ...config });
  const storage = openStorage(':memory:');
  await migrateToLatest(storage.db);
  const clock = new ShiftedClock();
  const deps: Deps = {
    db: storage.db,
    dialect: storage.dialect,
    clock,
    config: fullConfig,
    bus: new InProcessBus(),
    metrics: new Metrics(),
  };
  const app = await buildApp(deps, { webRoot: DIST });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;

  const api: BrowserServer['api'] = async (member, method, path, body, expect) => {
    const res = await app.inject({
      method: method as 'GET',
      url: `/api/v1${path}`,
      headers: { authorization: `Bearer ${member.token}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const ok = expect === undefined ? res.statusCode < 300 : res.statusCode === expect;
    if (!ok) throw new Error(`${method} ${path} answered ${res.statusCode}: ${res.body}`);
    return (res.body ? res.json() : undefined) as never;
  };

  const signUp: BrowserServer['signUp'] = async (name, headline) => {
    emailCounter += 1;
    const local = name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '.')
      .replace(/^\.|\.$/g, '');
    const email = `${local || 'member'}.${emailCounter}@example.test`;
    const password = 'correct horse battery';
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email, password, name, headline: headline ?? `${name.split(' ')[1] ?? name} at Example` },
    });
    if (res.statusCode !== 201) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
    const body = res.json() as { member: { id: string }; token: string };
    return { id: body.member.id, name, email, password, token: body.token };
  };

  const invite: BrowserServer['invite'] = async (from, to, message) => {
    const body = await api<{ invitation: { id: string } }>(from, 'POST', '/invitations', {
      recipientId: to.id,
      ...(message ? { message } : {}),
    });
    return body.invitation.id;
  };

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    deps,
    clock,
    api,
    signUp,
    invite,
    close: async () => {
      await app.close();
      await deps.bus.close();
      await storage.close();
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 740 };

/** A page signed in as `member` (their session cookie set directly), or signed out. */
export async function openPage(
  browser: Browser,
  server: BrowserServer,
  member: Member | null,
  viewport = DESKTOP,
  /** The system's prefers-color-scheme, as the page sees it. */
  colorScheme: 'light' | 'dark' = 'light',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    viewport,
    reducedMotion: 'reduce',
    colorScheme,
  });
  context.setDefaultTimeout(10_000);
  if (member) {
    await context.addCookies([{ name: 'rapport_session', value: member.token, url: server.baseUrl }]);
  }
  const page = await context.newPage();
  watchForErrors(page);
  return { context, page };
}

/**
 * An API answer a test provokes on purpose: its status (`'network'` for a request the test made
 * fail), its path after /api/v1 (exact, or a pattern), or both.
 */
export interface ExpectedApiError {
  status?: number | 'network';
  path?: string | RegExp;
}

/**
 * How the app learns where it stands, on every signed-out page: `GET /me` answers 401 and
 * `GET /auth/demo` 404 on a server without demo members. Those are answers, not faults.
 */
const APP_PROBES: ExpectedApiError[] = [
  { status: 401, path: '/me' },
  { status: 404, path: '/auth/demo' },
];

interface ErrorWatch {
  found: string[];
  allowed: ExpectedApiError[];
}

const watches = new WeakMap<Page, ErrorWatch>();

// Chromium's words for a fetch that got an error status ("… a status of 403 (Forbidden)") or
// none at all ("net::ERR_FAILED").
const FAILED_LOAD = /^Failed to load resource: (?:the server responded with a status of (\d{3})\b|net::)/;

function isExpectedApiError(message: ConsoleMessage, allowed: ExpectedApiError[]): boolean {
  const failed = FAILED_LOAD.exec(message.text());
  if (!failed) return false;
  const status = failed[1] === undefined ? 'network' : Number(failed[1]);
  const url = new URL(message.location().url, 'http://invalid');
  if (!url.pathname.startsWith('/api/v1/')) return false;
  const path = url.pathname.slice('/api/v1'.length);
  return allowed.some(
    (expected) =>
      (expected.status === undefined || expected.status === status) &&
      (expected.path === undefined ||
        (typeof expected.path === 'string' ? expected.path === path : expected.path.test(path))),
  );
}

/**
 * Fails the running test, once it has finished, on any uncaught error in the page and on any
 * console error, except the API answers the test declared with `allowApiError`: a page that
 * throws, or logs an error, is broken even when what the test looks at happens to be right.
 */
function watchForErrors(page: Page): void {
  const watch: ErrorWatch = { found: [], allowed: [...APP_PROBES] };
  watches.set(page, watch);
  page.on('pageerror', (error) => watch.found.push(`uncaught in the page: ${error.stack ?? String(error)}`));
  page.on('console', (message) => {
    if (message.type() !== 'error' || isExpectedApiError(message, watch.allowed)) return;
    const where = message.location().url;
    watch.found.push(`console error: ${message.text()}${where ? ` (${where})` : ''}`);
  });
  onTestFinished(({ task }) => {
    // A test that already failed says why itself; the page's errors would only bury it.
    if (task.result?.state === 'fail' || watch.found.length === 0) return;
    throw new Error(`the page reported errors:\n  ${watch.found.join('\n  ')}`);
  });
}

/**
 * Hands over (and forgets) what the page reported so far, for a test that provokes an error on
 * purpose and looks at it itself.
 */
export function takePageErrors(page: Page): string[] {
  const watch = watches.get(page);
  if (!watch) throw new Error('takePageErrors: that page was not opened with openPage');
  return watch.found.splice(0);
}

/**
 * Declares API answers the test provokes on purpose (a 403 it expects, a request it makes
 * fail), so that the browser's "Failed to load resource" for them fails nothing.
 */
export function allowApiError(page: Page, ...expected: ExpectedApiError[]): void {
  const watch = watches.get(page);
  if (!watch) throw new Error('allowApiError: that page was not opened with openPage');
  watch.allowed.push(...expected);
}

/** Retries `check` until it stops throwing, like an assertion that waits for the page. */
export async function eventually(check: () => Promise<void> | void, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Waits until the locator's text contains `text`. */
export async function expectText(locator: Locator, text: string | RegExp): Promise<void> {
  await eventually(async () => {
    const content = (await locator.textContent()) ?? '';
    const ok = typeof text === 'string' ? content.includes(text) : text.test(content);
    if (!ok) throw new Error(`expected ${String(locator)} to contain ${String(text)}, got "${content}"`);
  });
}

export async function expectCount(locator: Locator, n: number, timeoutMs?: number): Promise<void> {
  await eventually(async () => {
    const count = await locator.count();
    if (count !== n) throw new Error(`expected ${n} of ${String(locator)}, found ${count}`);
  }, timeoutMs);
}

/** The status message (role="status") eventually says `text`. */
export async function expectStatus(page: Page, text: string | RegExp): Promise<void> {
  await expectText(page.getByRole('status'), text);
}

/** No axe-core violation of serious or critical impact on the page as it is now. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // Legacy mode runs axe in the page itself; the default opens a blank page per run to merge
  // frame results, which costs seconds, and the app has no frames.
  const results = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length > 0) {
    const report = bad
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
      )
      .join('\n  ');
    throw new Error(`${label}: axe found serious or critical violations:\n  ${report}`);
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Keeps a record of why a test failed next to the screenshots, for a person to look at. */
export async function failureShot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `failure-${name}.png`), fullPage: true }).catch(() => {});
  writeFileSync(join(SCREENSHOTS, `failure-${name}.html`), await page.content().catch(() => ''));
}

export interface FocusInfo {
  tag: string;
  /** The focused element's text. */
  text: string;
  /** The text of the list item it sits in, if any. */
  row: string;
  inDialog: boolean;
}

// Evaluated in the page as text: the root tsconfig has no DOM types for test code.
const FOCUS_INFO = `(() => {
  const el = document.activeElement;
  return {
    tag: el ? el.tagName : '',
    text: el && el.textContent ? el.textContent.trim() : '',
    row: el && el.closest('li') ? el.closest('li').textContent : '',
    inDialog: Boolean(el && el.closest('dialog[open]')),
  };
})()`;

/** What has keyboard focus right now. */
export async function focusInfo(page: Page): Promise<FocusInfo> {
  return (await page.evaluate(FOCUS_INFO)) as FocusInfo;
}

/** The content of the focused element's ::after (our CSS tooltips). */
export async function focusedTooltip(page: Page): Promise<string> {
  return (await page.evaluate(`getComputedStyle(document.activeElement, '::after').content`)) as string;
}

/** Waits until focus is on the element with `text` inside the list item that mentions `row`. */
export async function expectFocus(page: Page, text: string, row: string): Promise<void> {
  await eventually(async () => {
    const now = await focusInfo(page);
    if (now.text !== text || !now.row.includes(row)) {
      throw new Error(`expected focus on "${text}" in the row of ${row}, found ${JSON.stringify(now)}`);
    }
  }, 5000);
}
