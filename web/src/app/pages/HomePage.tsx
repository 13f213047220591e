import { Link } from 'react-router-dom';
import { Avatar } from '../../components/Avatar';
import { MailIcon, NetworkIcon, SendIcon } from '../../components/icons';
import { useMe } from '../../features/auth/api/getMe';
import { useNetworkSummary } from '../../features/network/api/getNetworkSummary';
import { count } from '../../lib/plural';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { Suggestions } from './Suggestions';

/** Home: who I am, what is waiting, and where to go next. */
export function HomePage() {
  useDocumentTitle('Home');
  const me = useMe().data;
  const summary = useNetworkSummary().data;
  if (!me) return null;
  const { member } = me;

  return (
    <div className="layout-sidebar">
      <aside className="card identity" aria-label="You">
        <div className="identity__cover" aria-hidden="true" />
        <Avatar id={member.id} name={member.name} size="large" />
        <p className="identity__name">{member.name}</p>
        {member.headline && <p className="identity__headline">{member.headline}</p>}
        <Link to={`/in/${member.id}`} className="identity__link">
          View your profile
        </Link>
      </aside>
      <div className="stack">
        <section className="card card--padded" aria-labelledby="home-title">
          <h1 className="page-title" id="home-title">
            Welcome, {member.name.split(/\s+/)[0]}
          </h1>
          <p className="muted">Here is what is happening in your network.</p>
          <ul className="home-links">
            <li>
              <Link to="/mynetwork/invitation-manager/received" className="home-link">
                <MailIcon />
                <span>
                  <strong>Invitations received</strong>
                  <span className="home-link__detail">
                    {summary
                      ? `${count(summary.invitationsReceived, 'invitation')} waiting for your answer`
                      : '…'}
                  </span>
                </span>
              </Link>
            </li>
            <li>
              <Link to="/mynetwork/invitation-manager/sent" className="home-link">
                <SendIcon />
                <span>
                  <strong>Invitations sent</strong>
                  <span className="home-link__detail">
                    {summary ? `${count(summary.invitationsSent, 'invitation')} still pending` : '…'}
                  </span>
                </span>
              </Link>
            </li>
            <li>
              <Link to="/mynetwork/connections" className="home-link">
                <NetworkIcon />
                <span>
                  <strong>Connections</strong>
                  <span className="home-link__detail">
                    {summary ? count(summary.connections, 'connection') : '…'}
                  </span>
                </span>
              </Link>
            </li>
          </ul>
        </section>
        <Suggestions limit={3} />
        <section className="card card--padded" aria-labelledby="tips-title">
          <h2 className="section-title" id="tips-title">
            Keep your network meaningful
          </h2>
          <ul className="tips">
            <li>Add a personal note when you invite someone: it says why you’d like to connect.</li>
            <li>
              Every few weeks, review the invitations you sent and withdraw the ones that no longer fit.
              Nobody is notified.
            </li>
            <li>
              See how your invitations fare in <Link to="/mynetwork/insights">invitation insights</Link>.
            </li>
          </ul>
        </section>
      </div>
    </div>
  );
}
