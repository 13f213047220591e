/**
 * Turns a React Email template into its HTML and text parts.
 *
 * Rendering a React Email tree costs several milliseconds and its text conversion more, while
 * what changes between two emails of a kind is a handful of strings. So each template variant
 * is rendered once per process with markers in place of those strings, and every email fills
 * the markers in: HTML-escaped in the HTML part, as they are in the text part. The markers are
 * letters and underscores only, so neither React's escaping nor the text conversion alters them.
 */
import { render, toPlainText } from '@react-email/render';
import type { ReactElement } from 'react';

export interface EmailParts {
  html: string;
  text: string;
}

type Slots<K extends string> = Record<K, string>;

const compiled = new Map<string, Promise<EmailParts>>();

/** The marker a template is rendered with in place of slot `name`. */
export function slot(name: string): string {
  return `RAPPORTSLOT_${name.toUpperCase()}_END`;
}

/**
 * Renders `element(markers)` once for `variant` and fills in `values` for this email. Every key
 * of `values` must be a slot the template uses as a whole string prop.
 */
export async function renderEmail<K extends string>(
  variant: string,
  element: (markers: Slots<K>) => ReactElement,
  values: Slots<K>,
): Promise<EmailParts> {
  let template = compiled.get(variant);
  if (!template) {
    const markers = Object.fromEntries(Object.keys(values).map((k) => [k, slot(k)])) as Slots<K>;
    template = renderBoth(element(markers));
    compiled.set(variant, template);
    template.catch(() => compiled.delete(variant));
  }
  const { html, text } = await template;
  return { html: fill(html, values, escapeHtml), text: fill(text, values, (v) => v) };
}

async function renderBoth(element: ReactElement): Promise<EmailParts> {
  const html = await render(element);
  // React Email's own conversion (images skipped, links as "label href"), headings as written.
  const text = toPlainText(html, { selectors: [{ selector: 'h1', options: { uppercase: false } }] });
  return { html, text: text.replace(/\n{3,}/g, '\n\n').trim() + '\n' };
}

const MARKER = /RAPPORTSLOT_([A-Z0-9_]+?)_END/g;

function fill(template: string, values: Record<string, string>, encode: (v: string) => string): string {
  const byMarker = new Map(Object.entries(values).map(([k, v]) => [k.toUpperCase(), encode(v)]));
  return template.replace(MARKER, (whole, name: string) => byMarker.get(name) ?? whole);
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#x27;');
}
