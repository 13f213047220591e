import { Link } from 'react-router-dom';
import type { Member } from '../lib/api';
import { count } from '../lib/plural';
import { Avatar } from './Avatar';

interface MutualConnectionsProps {
  /** The member the viewer shares these connections with. */
  memberId: string;
  total: number;
  /** Up to three of them, to name. */
  preview: readonly Member[];
}

function names(preview: readonly Member[], total: number): string {
  const shown = preview.map((m) => m.name);
  const others = total - shown.length;
  if (others > 0) return `${shown.join(', ')} and ${count(others, 'other')}`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/**
 * P1: "12 mutual connections", with up to three faces and names: what a recipient looks at
 * before accepting. The count links to the whole list; nothing shows when there are none.
 */
export function MutualConnections({ memberId, total, preview }: MutualConnectionsProps) {
  if (total === 0) return null;
  return (
    <p className="mutual">
      <span className="mutual__faces" aria-hidden="true">
        {preview.map((m) => (
          <Avatar key={m.id} id={m.id} name={m.name} size="small" />
        ))}
      </span>
      <span className="mutual__text">
        <Link to={`/in/${memberId}/mutual`} className="mutual__link">
          {count(total, 'mutual connection')}
        </Link>
        {preview.length > 0 && <span className="mutual__names">: {names(preview, total)}</span>}
      </span>
    </p>
  );
}
