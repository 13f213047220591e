import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { OutgoingEmail } from '../../src/email/compose.js';
import { buildMimeMessage, encodeQuotedPrintable } from '../../src/email/mime.js';

/**
 * N2: the MIME message the worker builds itself (src/email/mime.ts) reads back, through the
 * parser a mail client uses, exactly as composed: names and subjects beyond ASCII, specials,
 * long lines, "=" and trailing spaces; and it keeps to the line limits of RFC 5322 and 2045.
 */

function email(overrides: Partial<OutgoingEmail> = {}): OutgoingEmail {
  return {
    id: 'row-1',
    from: 'Rapport <no-reply@rapport.test>',
    to: { name: 'Bob Babbage', address: 'bob@example.test' },
    subject: 'Ada Lovelace wants to connect',
    text: 'Hello\n\nSee http://rapport.test/x\n',
    html: '<p>Hello</p>',
    messageId: '<row-1@rapport.test>',
    headers: {
      'List-Unsubscribe': `<http://rapport.test/api/v1/email/unsubscribe?token=${'t'.repeat(90)}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    ...overrides,
  };
}

describe('N2 MIME messages', () => {
  it('read back as composed, beyond ASCII and with specials, within the line limits', async () => {
    const text = [
      'Zoë Ångström — 日本語のテキスト '.repeat(6),
      'a=b, 50 % = half ',
      `${'x'.repeat(200)}\t`,
      '.a line starting with a dot',
      '',
      'é'.repeat(100),
    ].join('\n');
    const html = `<p style="color:#123">${'Zoë &amp; “quotes” '.repeat(20)}</p>\n<p>=3D not decoded twice</p>`;
    const out = buildMimeMessage(
      email({
        from: '"Rapport, Inc." <hello@rapport.test>',
        to: { name: 'Zoë "Z" Ångström-Żółć, Ph.D. '.repeat(3).trim(), address: 'zoe@bücher.example' },
        subject: `Zoë Ångström wants to connect ${'🙂'.repeat(30)}`,
        text,
        html,
      }),
    );
    expect(out.envelope).toEqual({ from: 'hello@rapport.test', to: ['zoe@xn--bcher-kva.example'] });
    const raw = out.raw.toString('utf8');
    // 78 at most, but for the one-click URL: a single word, on a line of its own (≤ 998).
    for (const line of raw.split('\r\n')) {
      expect(line.length).toBeLessThanOrEqual(line.startsWith(' <http') ? 998 : 78);
    }
    expect(raw).not.toMatch(/[^\r]\n/);
    expect(out.raw.every((byte) => byte < 0x80)).toBe(true);
    const parsed = await simpleParser(out.raw);
    expect(parsed.from?.value).toEqual([{ name: 'Rapport, Inc.', address: 'hello@rapport.test' }]);
    expect(parsed.to).toMatchObject({
      // The parser shows the punycode domain as it was written.
      value: [{ name: 'Zoë "Z" Ångström-Żółć, Ph.D. '.repeat(3).trim(), address: 'zoe@bücher.example' }],
    });
    expect(raw).toContain('<zoe@xn--bcher-kva.example>');
    expect(parsed.subject).toBe(`Zoë Ångström wants to connect ${'🙂'.repeat(30)}`);
    expect(parsed.messageId).toBe('<row-1@rapport.test>');
    expect(parsed.text).toBe(text);
    expect(parsed.html).toBe(html);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    expect(raw).toMatch(
      /^List-Unsubscribe:\r\n <http:\/\/rapport\.test\/api\/v1\/email\/unsubscribe\?token=t+>\r$/m,
    );
    expect(parsed.date?.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('is multipart/alternative, text first, with a boundary that no part contains', async () => {
    const out = buildMimeMessage(email({ text: '--=_rapport_ in the text', html: '<p>=_rapport_</p>' }));
    const raw = out.raw.toString('utf8');
    const boundary = /boundary="([^"]+)"/.exec(raw)?.[1] as string;
    expect(raw.split(`--${boundary}`)).toHaveLength(4);
    const parsed = await simpleParser(out.raw);
    expect(parsed.text).toBe('--=_rapport_ in the text');
    expect(parsed.html).toBe('<p>=_rapport_</p>');
    expect(raw.indexOf('text/plain')).toBeLessThan(raw.indexOf('text/html'));
  });

  it('quoted-printable: soft breaks never split an escape, trailing white space is escaped', () => {
    expect(encodeQuotedPrintable('a \nb\t\nc=d')).toBe('a=20\r\nb=09\r\nc=3Dd');
    const long = encodeQuotedPrintable(`${'x'.repeat(74)}é`);
    expect(long).toBe(`${'x'.repeat(74)}=\r\n=C3=A9`);
    expect(encodeQuotedPrintable('y'.repeat(76))).toBe('y'.repeat(76));
    expect(encodeQuotedPrintable('y'.repeat(77))).toBe(`${'y'.repeat(75)}=\r\nyy`);
  });
});

describe('N2 quoted-printable, against the one-byte-at-a-time definition', () => {
  // RFC 2045 § 6.7 applied byte by byte: the reference the encoder's fast path must match.
  function reference(text: string): string {
    const out: string[] = [];
    for (const line of text.split(/\r?\n/)) {
      const bytes = Buffer.from(line, 'utf8');
      let current = '';
      bytes.forEach((b, i) => {
        const last = i === bytes.length - 1;
        const literal = (b >= 0x21 && b <= 0x7e && b !== 0x3d) || ((b === 0x20 || b === 0x09) && !last);
        const token = literal ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
        if (current.length + token.length > (last ? 76 : 75)) {
          out.push(`${current}=`);
          current = '';
        }
        current += token;
      });
      out.push(current);
    }
    return out.join('\r\n');
  }

  it('matches it on text of every kind of character and line length', () => {
    const alphabet = ['a', ' ', '\t', '=', 'é', '€', '🙂', '.', '<p style="x">', '\n', '\r\n', '\u00a0'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 300; n++) {
      let text = '';
      const length = Math.floor(random() * 400);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      expect(encodeQuotedPrintable(text)).toBe(reference(text));
    }
  });
});
