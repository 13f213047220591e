/**
 * The router refuses a path it cannot percent-decode (`/members/%E0%A4%A`, `/members/%zz`) with a
 * bare 400 of its own, outside every hook: no problem+json, no security headers. Such a path
 * names nothing, so it is repaired before routing the way browsers decode bad UTF-8 — each
 * undecodable segment keeps its decodable part and gets U+FFFD for the rest — and then answers
 * like any unknown id: 404 not_found, through the normal pipeline.
 */

const PERCENT_BYTE = /^%[0-9A-Fa-f]{2}/;
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false });

function decodable(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

function repairSegment(segment: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < segment.length;) {
    if (PERCENT_BYTE.test(segment.slice(i, i + 3))) {
      bytes.push(parseInt(segment.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      const char = String.fromCodePoint(segment.codePointAt(i) as number);
      bytes.push(...Buffer.from(char, 'utf8'));
      i += char.length;
    }
  }
  return encodeURIComponent(lenientUtf8.decode(Uint8Array.from(bytes)));
}

/** The URL with every path segment percent-decodable; unchanged when it already is. */
export function wellFormedUrl(url: string): string {
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  if (decodable(path)) return url;
  const repaired = path
    .split('/')
    .map((segment) => (decodable(segment) ? segment : repairSegment(segment)))
    .join('/');
  return queryAt === -1 ? repaired : repaired + url.slice(queryAt);
}
