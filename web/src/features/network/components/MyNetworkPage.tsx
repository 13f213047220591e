import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { MailIcon, SendIcon } from '../../../components/icons';
import { count } from '../../../lib/plural';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useNetworkSummary } from '../api/getNetworkSummary';
import { NetworkSidebar } from './NetworkSidebar';

/**
 * The article's second stop: "locate and click on the My Network icon… On the left sidebar,
 * click on Manage next to Invitations."
 */
export function MyNetworkPage({ suggestions }: { suggestions?: ReactNode }) {
  useDocumentTitle('My Network');
  const summary = useNetworkSummary();
  const data = summary.data;
  const number = (n: number | undefined) => (n === undefined ? '–' : n.toLocaleString());

  return (
    <div className="layout-sidebar">
      <div className="stack">
        <section className="card card--padded" aria-labelledby="network-title">
          <h1 className="page-title" id="network-title">
            My Network
          </h1>
          {summary.isError && <ErrorMessage error={summary.error} onRetry={() => void summary.refetch()} />}
          <ul className="stats">
            <li>
              <Link to="/mynetwork/connections" className="stats__item">
                <span className="stats__label">Connections</span>
                <span className="stats__value">{number(data?.connections)}</span>
              </Link>
            </li>
            <li>
              <Link to="/mynetwork/invitation-manager/received" className="stats__item">
                <span className="stats__label">Invitations received</span>
                <span className="stats__value">{number(data?.invitationsReceived)}</span>
              </Link>
            </li>
            <li>
              <Link to="/mynetwork/invitation-manager/sent" className="stats__item">
                <span className="stats__label">Invitations sent</span>
                <span className="stats__value">{number(data?.invitationsSent)}</span>
              </Link>
            </li>
          </ul>
        </section>
        {data && (
          <section className="card card--padded" aria-labelledby="pending-title">
            <h2 className="section-title" id="pending-title">
              Pending invitations
            </h2>
            <ul className="summary-list">
              <li>
                <MailIcon />
                <span>
                  {data.invitationsReceived > 0
                    ? `${count(data.invitationsReceived, 'person', 'people')} would like to connect with you.`
                    : 'No one is waiting for your answer.'}
                </span>
              </li>
              <li>
                <SendIcon />
                <span>
                  {data.invitationsSent > 0
                    ? `${count(data.invitationsSent, 'invitation')} you sent ${data.invitationsSent === 1 ? 'is' : 'are'} waiting for an answer. Review them now and then, and withdraw the ones that no longer fit.`
                    : 'You have no invitations waiting for an answer.'}
                </span>
              </li>
            </ul>
            <p className="muted">
              Answer or withdraw them on the{' '}
              <Link to="/mynetwork/invitation-manager/received">Received and Sent tabs</Link>.
            </p>
          </section>
        )}
        {suggestions}
      </div>
      <NetworkSidebar />
    </div>
  );
}
