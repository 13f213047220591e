import { NavLink } from 'react-router-dom';
import { NetworkIcon } from '../../../components/icons';
import { count } from '../../../lib/plural';
import { useNetworkSummary } from '../api/getNetworkSummary';

/**
 * "My Network" in the top bar, with a badge of invitations waiting for an answer. The badge is
 * a description, not part of the name, so the link is always called "My Network".
 */
export function NetworkLink() {
  const summary = useNetworkSummary();
  const waiting = summary.data?.invitationsReceived ?? 0;
  return (
    <NavLink
      to="/mynetwork"
      className="topbar__item"
      aria-describedby={waiting > 0 ? 'network-badge' : undefined}
    >
      <span className="topbar__icon">
        <NetworkIcon />
        {waiting > 0 && (
          <span className="badge" id="network-badge">
            <span aria-hidden="true">{waiting > 99 ? '99+' : waiting}</span>
            <span className="visually-hidden">{count(waiting, 'pending invitation')}</span>
          </span>
        )}
      </span>
      <span className="topbar__label">My Network</span>
    </NavLink>
  );
}
