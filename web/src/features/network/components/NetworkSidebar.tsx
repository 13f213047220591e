import { Link } from 'react-router-dom';
import { ChartIcon, MailIcon, NetworkIcon } from '../../../components/icons';
import { useNetworkSummary } from '../api/getNetworkSummary';

/**
 * The left sidebar of My Network: "On the left sidebar, click on Manage next to Invitations."
 * `compact` pages (the manager, connections, insights) hide it on phones, where it would push
 * the list they are about below the fold; My Network itself always shows it.
 */
export function NetworkSidebar({ compact = false }: { compact?: boolean }) {
  const summary = useNetworkSummary().data;
  const number = (n: number | undefined) => (n === undefined ? '–' : n.toLocaleString());
  return (
    <aside
      className={`sidebar card ${compact ? 'sidebar--compact' : ''}`}
      aria-labelledby="manage-network-title"
    >
      <h2 className="sidebar__title" id="manage-network-title">
        Manage my network
      </h2>
      <ul className="sidebar__list">
        <li>
          <Link to="/mynetwork/connections" className="sidebar__row">
            <NetworkIcon />
            <span className="sidebar__label">Connections</span>
            <span className="sidebar__count">{number(summary?.connections)}</span>
          </Link>
        </li>
        <li>
          <section className="sidebar__row sidebar__row--section" aria-labelledby="invitations-title">
            <MailIcon />
            <h3 className="sidebar__label" id="invitations-title">
              Invitations
            </h3>
            <Link to="/mynetwork/invitation-manager/received" className="sidebar__action">
              Manage
            </Link>
          </section>
        </li>
        <li>
          <Link to="/mynetwork/insights" className="sidebar__row">
            <ChartIcon />
            <span className="sidebar__label">Invitation insights</span>
          </Link>
        </li>
      </ul>
    </aside>
  );
}
