/**
 * What a browser downloads (issue 12 item 13): the built app's scripts and styles come
 * compressed and may be kept for a year, and the chart library travels only with the insights
 * page, never with the invitation manager.
 */
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, startServer, type BrowserServer, type Member } from '../helpers/browser.js';

let server: BrowserServer;
let browser: Browser;
let una: Member;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const [first, other] = await Promise.all([server.signUp('Una Unzipped'), server.signUp('Vic Viewer')]);
  una = first;
  await server.invite(una, other);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Asset {
  path: string;
  encoding: string | undefined;
  cacheControl: string | undefined;
  body: string;
}

/** Records every script and style the page loads from /assets/. */
function recordAssets(page: Page): Asset[] {
  const assets: Asset[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response: Response) => {
    const path = new URL(response.url()).pathname;
    if (!path.startsWith('/assets/')) return;
    pending.push(
      (async () => {
        const headers = await response.allHeaders();
        assets.push({
          path,
          encoding: headers['content-encoding'],
          cacheControl: headers['cache-control'],
          body: (await response.body()).toString('utf8'),
        });
      })(),
    );
  });
  Object.assign(assets, { settled: () => Promise.all(pending) });
  return assets;
}

async function settled(assets: Asset[]): Promise<Asset[]> {
  await (assets as Asset[] & { settled: () => Promise<unknown> }).settled();
  return assets;
}

const CHART_CODE = /recharts-/;

describe('the built app as a browser gets it', () => {
  it('comes brotli-compressed and kept for a year; the manager page carries no chart code, the insights page does', async () => {
    const { context, page } = await openPage(browser, server, una);
    const assets = recordAssets(page);

    await page.goto('/mynetwork/invitation-manager/sent');
    await page.getByRole('list', { name: 'Sent invitations' }).waitFor();
    const manager = [...(await settled(assets))];
    expect(manager.some((a) => a.path.endsWith('.js'))).toBe(true);
    expect(manager.some((a) => a.path.endsWith('.css'))).toBe(true);
    for (const asset of manager) {
      expect(asset.encoding, asset.path).toBe('br');
      expect(asset.cacheControl, asset.path).toBe('public, max-age=31536000, immutable');
    }
    expect(manager.filter((a) => CHART_CODE.test(a.body)).map((a) => a.path)).toEqual([]);

    await page.getByRole('link', { name: 'Invitation insights' }).click();
    await page.getByRole('img', { name: 'Invitations per week' }).locator('svg').first().waitFor();
    const insights = (await settled(assets)).slice(manager.length);
    const charts = insights.filter((a) => CHART_CODE.test(a.body));
    expect(charts).toHaveLength(1);
    expect(charts[0]?.encoding).toBe('br');
    await context.close();
  });
});
