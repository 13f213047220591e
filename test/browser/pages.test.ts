/**
 * Every page of design/ui.md, filled with a realistic network: no axe-core violation of
 * serious or critical impact in the light and the dark scheme, and screenshots at phone (375 px)
 * and desktop (1280 px) widths in both, in screenshots/ for a person to look at.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  PHONE,
  expectAccessible,
  expectCount,
  launchBrowser,
  openPage,
  screenshot,
  startServer,
  type BrowserServer,
  type Member,
} from '../helpers/browser.js';

let server: BrowserServer;
let browser: Browser;
let ada: Member;
let grace: Member;
let alan: Member;

const NOTES = [
  'Loved your talk on compilers at the Lisbon meetup. Would be great to stay in touch!',
  null,
  'We worked together on the analytics engine back in 2019. Shall we connect?',
  'Your post on type systems made my week. I’m building something similar at Example.',
];

/** Ada's network: connections, sent invitations of every age, received ones, a history for insights. */
async function seed(): Promise<void> {
  const names = [
    ['Ada Lovelace', 'Analyst and programmer at Analytical Engines Ltd'],
    ['Grace Hopper', 'Rear admiral · Compiler pioneer'],
    ['Alan Turing', 'Mathematician at the University of Manchester'],
    ['Katherine Johnson', 'Research mathematician at NASA Langley'],
    ['Margaret Hamilton', 'Director of Software Engineering, Apollo'],
    ['Edsger Dijkstra', 'Professor of Computer Science'],
    ['Barbara Liskov', 'Institute Professor at MIT'],
    ['Donald Knuth', 'Professor Emeritus of The Art of Computer Programming'],
    ['Frances Allen', 'IBM Fellow · Optimizing compilers'],
    ['John Backus', 'Creator of FORTRAN'],
    ['Radia Perlman', 'Network protocol designer'],
    ['Ken Thompson', 'Distinguished Engineer'],
  ] as const;
  const members: Member[] = [];
  for (const [name, headline] of names) members.push(await server.signUp(name, headline));
  [ada, grace, alan] = members as [Member, Member, Member];
  const [, , , katherine, margaret, edsger, barbara, donald, frances, john, radia, ken] =
    members as Member[] as [
      Member,
      Member,
      Member,
      Member,
      Member,
      Member,
      Member,
      Member,
      Member,
      Member,
      Member,
      Member,
    ];

  // History for insights: invitations over the past weeks, some accepted, some withdrawn.
  const accepted = [katherine!, margaret!, edsger!];
  for (const [i, who] of accepted.entries()) {
    const id = await server.clock.daysAgo(70 - i * 14, () => server.invite(ada, who, NOTES[i] ?? undefined));
    await server.clock.daysAgo(68 - i * 14, () => server.api(who, 'POST', `/invitations/${id}/accept`));
  }
  const withdrawn = await server.clock.daysAgo(50, () => server.invite(ada, ken!));
  await server.clock.daysAgo(45, () => server.api(ada, 'POST', `/invitations/${withdrawn}/withdraw`));

  // Pending, sent: of several ages, with and without notes.
  await server.clock.daysAgo(40, () => server.invite(ada, barbara!, NOTES[2]!));
  await server.clock.daysAgo(21, () => server.invite(ada, donald!));
  await server.clock.daysAgo(3, () => server.invite(ada, frances!, NOTES[3]!));
  await server.invite(ada, grace, NOTES[0]!);

  // Received.
  await server.clock.daysAgo(2, () =>
    server.invite(john!, ada, 'Hello Ada, I’d like to add you to my network.'),
  );
  await server.invite(radia!, ada);

  // Shared connections, so rows, profiles and People you may know have mutual connections to show.
  for (const [a, b] of [
    [alan, katherine!],
    [alan, margaret!],
    [john!, katherine!],
    [grace, edsger!],
    [ken!, margaret!],
  ] as const) {
    const id = await server.invite(a, b);
    await server.api(b, 'POST', `/invitations/${id}/accept`);
  }
}

interface Shot {
  name: string;
  path: () => string;
  ready: (page: Page) => Promise<unknown>;
}

const PAGES: Shot[] = [
  { name: 'home', path: () => '/', ready: (p) => p.getByRole('heading', { name: /Welcome/ }).waitFor() },
  {
    name: 'profile-other',
    path: () => `/in/${grace.id}`,
    ready: (p) => p.getByRole('button', { name: 'Pending' }).waitFor(),
  },
  {
    name: 'profile-none',
    path: () => `/in/${alan.id}`,
    ready: (p) => p.getByRole('button', { name: 'Connect' }).waitFor(),
  },
  {
    name: 'profile-self',
    path: () => `/in/${ada.id}`,
    ready: (p) => p.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor(),
  },
  {
    name: 'mynetwork',
    path: () => '/mynetwork',
    ready: async (p) => {
      await p.getByText('would like to connect').waitFor();
      await p.getByRole('region', { name: 'People you may know' }).waitFor();
    },
  },
  {
    name: 'invitations-received',
    path: () => '/mynetwork/invitation-manager/received',
    ready: (p) => p.getByRole('list', { name: 'Received invitations' }).waitFor(),
  },
  {
    name: 'invitations-sent',
    path: () => '/mynetwork/invitation-manager/sent',
    ready: async (p) => {
      await p.getByRole('list', { name: 'Sent invitations' }).waitFor();
      await p.getByText(/invitations left this week/).waitFor();
    },
  },
  {
    name: 'connections',
    path: () => '/mynetwork/connections',
    ready: (p) => p.getByRole('list', { name: 'Connections' }).waitFor(),
  },
  {
    name: 'insights',
    path: () => '/mynetwork/insights',
    ready: async (p) => {
      // Drawn means every non-zero weekly figure has its bar, not "a moment has passed".
      const insights = await server.api<{ weekly: Record<string, number | string>[] }>(
        ada,
        'GET',
        '/invitations/insights',
      );
      const bars = insights.weekly.flatMap((week) =>
        ['sent', 'accepted', 'withdrawn', 'expired'].filter((key) => Number(week[key]) > 0),
      ).length;
      const chart = p.getByRole('img', { name: 'Invitations per week' });
      await expectCount(chart.locator('path.recharts-rectangle'), bars);
    },
  },
  { name: 'settings', path: () => '/settings', ready: (p) => p.getByRole('radio').first().waitFor() },
  {
    name: 'settings-account',
    path: () => '/settings/account',
    ready: (p) => p.getByRole('button', { name: 'Save' }).first().waitFor(),
  },
  {
    name: 'settings-email',
    path: () => '/settings/email',
    ready: (p) => p.getByRole('switch').or(p.getByRole('checkbox')).first().waitFor(),
  },
  {
    name: 'search',
    path: () => '/search?q=a',
    ready: (p) => p.getByRole('list', { name: 'Search results for “a”' }).waitFor(),
  },
  {
    name: 'mutual',
    path: () => `/in/${alan.id}/mutual`,
    ready: (p) => p.getByRole('list', { name: 'Mutual connections' }).waitFor(),
  },
  {
    name: 'not-found',
    path: () => '/no/such/page',
    ready: (p) => p.getByRole('heading', { name: 'This page doesn’t exist' }).waitFor(),
  },
  {
    name: 'notifications',
    path: () => '/notifications',
    ready: (p) => p.getByRole('list', { name: 'Notifications' }).waitFor(),
  },
];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await seed();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const SCHEMES = ['light', 'dark'] as const;

describe.each(SCHEMES)('every page, %s', (scheme) => {
  const signedIn = (viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> =>
    openPage(browser, server, ada, viewport, scheme);
  const name = (shot: string) => (scheme === 'light' ? shot : `${shot}-dark`);

  it('has no serious or critical accessibility violations, signed in (desktop screenshots on the way)', async () => {
    const { context, page } = await signedIn();
    for (const shot of PAGES) {
      await page.goto(shot.path());
      await shot.ready(page);
      await expectAccessible(page, name(shot.name));
      await screenshot(page, name(`desktop-${shot.name}`));
    }
    await page.getByRole('button', { name: 'Me' }).click();
    await page.getByRole('menu').waitFor();
    await expectAccessible(page, name('Me menu'));
    await screenshot(page, name('desktop-me-menu'));
    await context.close();
  }, 120_000);

  it('has none with menus and dialogs open, nor on the phone layout', async () => {
    const { context, page } = await signedIn();
    await page.goto('/mynetwork/invitation-manager/sent');
    await page.getByRole('list', { name: 'Sent invitations' }).waitFor();
    await page.getByRole('checkbox', { name: 'Select Grace Hopper' }).check();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Grace Hopper' })
      .getByRole('button', { name: 'Withdraw' })
      .click();
    await page.getByRole('dialog', { name: 'Withdraw invitation?' }).waitFor();
    await expectAccessible(page, name('Withdraw dialog'));
    await screenshot(page, name('desktop-dialog-withdraw'));
    await page.keyboard.press('Escape');

    await page.goto(`/in/${alan.id}`);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('dialog', { name: 'Add a note to your invitation?' }).waitFor();
    await page.getByRole('textbox', { name: 'Note' }).fill('x'.repeat(305));
    await expectAccessible(page, name('Connect dialog'));
    await screenshot(page, name('desktop-dialog-connect'));
    await context.close();

    const phone = await signedIn(PHONE);
    await phone.page.goto('/mynetwork/invitation-manager/sent');
    await phone.page.getByRole('list', { name: 'Sent invitations' }).waitFor();
    await expectAccessible(phone.page, name('Sent tab on a phone'));
    await phone.page.getByRole('searchbox', { name: 'Search', exact: true }).fill('a');
    await phone.page.getByRole('list', { name: 'Search results' }).waitFor();
    await expectAccessible(phone.page, name('search results on a phone'));
    await screenshot(phone.page, name('phone-search'));
    await phone.context.close();
  }, 60_000);

  it('has none signed out, on the sign-in and join forms', async () => {
    for (const [label, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const { context, page } = await openPage(browser, server, null, viewport, scheme);
      for (const path of ['login', 'signup']) {
        await page.goto(`/${path}`);
        await page.getByRole('button', { name: path === 'login' ? 'Sign in' : 'Join' }).waitFor();
        if (label === 'desktop') await expectAccessible(page, name(path));
        await screenshot(page, name(`${label}-${path}`));
      }
      await context.close();
    }
  });

  it('writes screenshots of the main pages on a phone (375 px), none wider than the screen', async () => {
    const { context, page } = await signedIn(PHONE);
    const overflowing: string[] = [];
    for (const shot of PAGES) {
      await page.goto(shot.path());
      await shot.ready(page);
      await screenshot(page, name(`phone-${shot.name}`));
      // A page that scrolls sideways on a phone hides what sticks out (a Received row's Accept did).
      const width = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
      if (width > 0) overflowing.push(`${shot.name} (${width} px too wide)`);
    }
    expect(overflowing).toEqual([]);
    await page.getByRole('button', { name: 'Me' }).click();
    await page.getByRole('menu').waitFor();
    await screenshot(page, name('phone-me-menu'));
    await context.close();
  }, 90_000);
});
