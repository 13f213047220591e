import { exactDateTime, timeAgo } from '../lib/time';
import { useNow } from '../lib/useNow';

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * "Sent 3 weeks ago", with the exact date and time shown on hover and on keyboard focus
 * (the tooltip is CSS, from data-exact; title serves mouse users and screen readers).
 */
export function Age({ verb, iso }: { verb: string; iso: string }) {
  const now = useNow();
  const exact = exactDateTime(iso);
  return (
    <time className="age" dateTime={iso} title={exact} data-exact={exact} tabIndex={0}>
      {verb ? `${verb} ${timeAgo(iso, now)}` : capitalize(timeAgo(iso, now))}
    </time>
  );
}
