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
export function MyNetworkPage() {
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
          <dl className="stats">
            <div className="stats__item">
              <dt>Connections</dt>
              <dd>{number(data?.connections)}</dd>
            </div>
            <div className="stats__item">
              <dt>Invitations received</dt>
              <dd>{number(data?.invitationsReceived)}</dd>
            </div>
            <div className="stats__item">
              <dt>Invitations sent</dt>
              <dd>{number(data?.invitationsSent)}</dd>
            </div>
          </dl>
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
            <p className="muted">To answer or withdraw invitations, choose Manage next to Invitations.</p>
          </section>
        )}
      </div>
      <NetworkSidebar />
    </div>
  );
}
