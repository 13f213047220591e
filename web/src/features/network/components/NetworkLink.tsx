import { NavLink } from 'react-router-dom';
import { NetworkIcon } from '../../../components/icons';
import { count } from '../../../lib/plural';
import { useNetworkSummary } from '../api/getNetworkSummary';

/**
 * "My Network" in the top bar, with a badge of invitations waiting for an answer. The
 * accessible name starts with the visible label and ends with the count ("My Network, 1
 * pending invitation"), as WCAG 2.5.3 asks.
 */
export function NetworkLink() {
  const summary = useNetworkSummary();
  const waiting = summary.data?.invitationsReceived ?? 0;
  return (
    <NavLink
      to="/mynetwork"
      className="topbar__item"
      aria-label={waiting > 0 ? `My Network, ${count(waiting, 'pending invitation')}` : 'My Network'}
    >
      <span className="topbar__icon">
        <NetworkIcon />
        {waiting > 0 && (
          <span className="badge" aria-hidden="true">
            {waiting > 99 ? '99+' : waiting}
          </span>
        )}
      </span>
      <span className="topbar__label">My Network</span>
    </NavLink>
  );
}
