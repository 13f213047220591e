import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, type TestMember } from '../helpers/app.js';
import { createMailTestApp, GRACE, type MailTestApp } from '../helpers/mail.js';
import { unsubscribeUrlOf } from '../helpers/smtpSink.js';

/**
 * N2 settings and one-click unsubscribe (RFC 8058): `email` in GET/PATCH /settings, all on by
 * default; the List-Unsubscribe address of an email switches that one kind off for that one
 * member by POST, without signing in and from any origin; GET only asks.
 */

let t: MailTestApp;
let ada: TestMember;
let bob: TestMember;

beforeEach(async () => {
  t = await createMailTestApp();
  ada = await t.signUp('Ada Lovelace');
  bob = await t.signUp('Bob Babbage');
});
afterEach(() => t.close());

const ALL_ON = { invitationReceived: true, invitationAccepted: true, reminders: true };

async function emailSettings(member: TestMember): Promise<unknown> {
  const res = await t.api('GET', '/settings', member);
  expect(res.statusCode).toBe(200);
  return res.json().email;
}

/** Ada invites Bob; the email's unsubscribe address, as a mail client reads it. */
async function unsubscribeAddress(): Promise<string> {
  await t.api('POST', '/invitations', ada, { recipientId: bob.id });
  t.clock.advance(GRACE);
  await t.worker.runOnce();
  const [mail] = await t.sink.waitFor(1);
  return unsubscribeUrlOf(mail!).replace('http://rapport.test', '');
}

describe('N2 email settings', () => {
  it('are all on by default, and PATCH may change any subset, leaving the rest', async () => {
    expect(await emailSettings(bob)).toEqual(ALL_ON);
    const res = await t.api('PATCH', '/settings', bob, { email: { reminders: false } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ whoCanInvite: 'everyone', email: { ...ALL_ON, reminders: false } });
    await t.api('PATCH', '/settings', bob, { whoCanInvite: 'email_required' });
    expect(await emailSettings(bob)).toEqual({ ...ALL_ON, reminders: false });
    expect(await emailSettings(ada)).toEqual(ALL_ON);
  });

  it('refuse what is not a switch', async () => {
    expectProblem(
      await t.api('PATCH', '/settings', bob, { email: { reminders: 'no' } }),
      400,
      'validation_failed',
    );
    expectProblem(
      await t.api('PATCH', '/settings', bob, { email: { weekly: false } }),
      400,
      'validation_failed',
    );
    expect(await emailSettings(bob)).toEqual(ALL_ON);
  });
});

describe('N2 one-click unsubscribe', () => {
  it('GET shows a page that asks, and changes nothing', async () => {
    const url = await unsubscribeAddress();
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('Stop emails about new invitations');
    expect(res.body).toMatch(/<form method="post"[^>]*>[\s\S]*<button type="submit">Unsubscribe<\/button>/);
    expect(res.body).not.toContain(bob.email);
    expect(await emailSettings(bob)).toEqual(ALL_ON);
  });

  it('POST List-Unsubscribe=One-Click, without login and from another site, switches that kind off only', async () => {
    const url = await unsubscribeAddress();
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://mail.example.com',
        'sec-fetch-site': 'cross-site',
      },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode).toBe(200);
    expect(await emailSettings(bob)).toEqual({ ...ALL_ON, invitationReceived: false });
    expect(await emailSettings(ada)).toEqual(ALL_ON);
    // Repeating it is harmless; a JSON {} works too.
    const again = await t.app.inject({ method: 'POST', url, payload: {} });
    expect(again.statusCode).toBe(200);
    // And it works: Bob gets no more new-invitation emails.
    const cy = await t.signUp('Cy Young');
    await t.api('POST', '/invitations', cy, { recipientId: bob.id });
    t.clock.advance(GRACE);
    expect(await t.worker.runOnce()).toMatchObject({ sent: 0, dropped: 1 });
  });

  it('a token the server did not issue is 404 not_found, and changes nobody', async () => {
    const url = await unsubscribeAddress();
    const token = new URL(url, 'http://x').searchParams.get('token') ?? '';
    const forged = [
      token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'),
      token.replace(/^r\./, 'a.'),
      'nonsense',
      `r.${Buffer.from(ada.id).toString('base64url')}.${token.split('.')[2]}`,
    ];
    for (const bad of forged) {
      for (const method of ['GET', 'POST'] as const) {
        const res = await t.app.inject({
          method,
          url: `/api/v1/email/unsubscribe?token=${encodeURIComponent(bad)}`,
          ...(method === 'POST'
            ? {
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
                payload: 'List-Unsubscribe=One-Click',
              }
            : {}),
        });
        expectProblem(res, 404, 'not_found');
      }
    }
    expect(await emailSettings(bob)).toEqual(ALL_ON);
    expect(await emailSettings(ada)).toEqual(ALL_ON);
  });

  it("a deleted member's token is 404", async () => {
    const url = await unsubscribeAddress();
    await t.api('DELETE', '/me', bob, { password: bob.password });
    expectProblem(await t.app.inject({ method: 'POST', url, payload: {} }), 404, 'not_found');
  });
});
