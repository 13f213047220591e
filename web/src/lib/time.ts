const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "just now", "5 minutes ago", "3 weeks ago": how long ago, as a person would say it. */
export function timeAgo(iso: string, now: number): string {
  const elapsed = now - Date.parse(iso);
  if (!Number.isFinite(elapsed) || elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${plural(Math.floor(elapsed / MINUTE), 'minute')} ago`;
  if (elapsed < DAY) return `${plural(Math.floor(elapsed / HOUR), 'hour')} ago`;
  if (elapsed < WEEK) return `${plural(Math.floor(elapsed / DAY), 'day')} ago`;
  if (elapsed < MONTH) return `${plural(Math.floor(elapsed / WEEK), 'week')} ago`;
  if (elapsed < YEAR) return `${plural(Math.floor(elapsed / MONTH), 'month')} ago`;
  return `${plural(Math.floor(elapsed / YEAR), 'year')} ago`;
}

const exactFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' });

/** "12 March 2026 at 14:05", in the reader's own locale and time zone. */
export function exactDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : exactFormat.format(date);
}

/** "3 days", "14 hours": a duration, for medians and waits. */
export function duration(hours: number): string {
  if (hours < 1) return plural(Math.max(1, Math.round(hours * 60)), 'minute');
  if (hours < 48) return plural(Math.round(hours), 'hour');
  return plural(Math.round(hours / 24), 'day');
}
