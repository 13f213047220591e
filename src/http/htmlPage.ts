import { escapeHtml } from '../email/render.js';

/**
 * A small page the server renders itself (the unsubscribe confirmation, the demo mailbox): the
 * document shell, light and dark, with the page's own styles; `body` is trusted HTML whose
 * dynamic parts the caller has escaped.
 */
export function htmlPage(title: string, styles: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)} · Rapport</title>
<style>
${styles}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}
