import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Button } from '../../../components/Button';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Spinner';
import { useAnnounce } from '../../../components/Toaster';
import { ApiError } from '../../../lib/api';
import { exactDateTime } from '../../../lib/time';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useAuditLog, useFindMembers, useModerate, useReports, type Report } from '../api/admin';

const REASONS: Record<Report['reason'], string> = {
  spam: 'Spam',
  harassment: 'Harassment',
  fake: 'Fake profile',
  other: 'Other',
};

/**
 * The moderation console (M4) at /admin: Reports, Members, Audit log. To anyone but a moderator
 * the API answers 404, and so this page is the app's own "page doesn't exist" (`notFound`).
 */
export function AdminPage({ notFound }: { notFound: ReactNode }) {
  const reports = useReports('open');
  if (reports.isPending) return <Loading label="Loading…" />;
  if (reports.error instanceof ApiError && reports.error.status === 404) return <>{notFound}</>;
  return <AdminConsole reports={reports} />;
}

/** Only a moderator gets here, so only a moderator's tab is named "Moderation". */
function AdminConsole({ reports }: { reports: ReturnType<typeof useReports> }) {
  useDocumentTitle('Moderation');
  if (reports.isPending) return null;
  return (
    <div className="stack">
      <section aria-labelledby="admin-reports" className="card card--padded">
        <h1 className="page-title admin-title">Moderation</h1>
        <h2 className="section-title" id="admin-reports">
          Reports
        </h2>
        {reports.isError ? (
          <ErrorMessage error={reports.error} onRetry={() => void reports.refetch()} />
        ) : reports.data.items.length === 0 ? (
          <p className="muted">No open reports.</p>
        ) : (
          <ul className="plain-list" aria-label="Open reports">
            {reports.data.items.map((report) => (
              <ReportCard key={report.id} report={report} />
            ))}
          </ul>
        )}
      </section>
      <MemberFinder />
      <AuditLog />
    </div>
  );
}

function ReportCard({ report }: { report: Report }) {
  const moderate = useModerate();
  const announce = useAnnounce();
  const [note, setNote] = useState('');
  const noteId = useId();
  const resolve = (action: 'dismiss' | 'restrict' | 'suspend') =>
    moderate.mutate(
      { kind: 'resolve', reportId: report.id, action, note },
      { onSuccess: () => announce(`Report ${action === 'dismiss' ? 'dismissed' : `resolved: ${action}`}`) },
    );
  return (
    <li className="admin-card" aria-label={`Report on ${report.reported.name}`}>
      <p>
        <strong>{REASONS[report.reason]}</strong> —{' '}
        <Link to={`/admin/members/${report.reported.id}`}>{report.reported.name}</Link> reported by{' '}
        <Link to={`/admin/members/${report.reporter.id}`}>{report.reporter.name}</Link>,{' '}
        {exactDateTime(report.createdAt)}
      </p>
      {report.comment && <p>“{report.comment}”</p>}
      {report.invitation ? (
        <div>
          <p className="muted">
            The invitation, as it was when reported (sent {exactDateTime(report.invitation.sentAt)}):
          </p>
          <blockquote>{report.invitation.message ?? 'No note.'}</blockquote>
        </div>
      ) : (
        <p className="muted">A report on the member, not on an invitation.</p>
      )}
      <div className="field">
        <label htmlFor={noteId}>Reason for your decision</label>
        <input id={noteId} type="text" value={note} onChange={(event) => setNote(event.target.value)} />
      </div>
      <div className="admin-actions">
        <Button
          size="small"
          onClick={() => resolve('dismiss')}
          pending={
            moderate.isPending &&
            moderate.variables.kind === 'resolve' &&
            moderate.variables.action === 'dismiss'
          }
        >
          Dismiss
        </Button>
        <Button
          size="small"
          onClick={() => resolve('restrict')}
          pending={
            moderate.isPending &&
            moderate.variables.kind === 'resolve' &&
            moderate.variables.action === 'restrict'
          }
        >
          Restrict
        </Button>
        <Button
          size="small"
          variant="danger"
          onClick={() => resolve('suspend')}
          pending={
            moderate.isPending &&
            moderate.variables.kind === 'resolve' &&
            moderate.variables.action === 'suspend'
          }
        >
          Suspend
        </Button>
      </div>
      {moderate.isError && <ErrorMessage error={moderate.error} />}
    </li>
  );
}

function MemberFinder() {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const found = useFindMembers(query);
  const inputId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(text.trim());
  };
  return (
    <section aria-labelledby="admin-members" className="card card--padded">
      <h2 className="section-title" id="admin-members">
        Members
      </h2>
      <form className="admin-actions admin-find" onSubmit={submit} role="search">
        <div className="field">
          <label htmlFor={inputId}>Find a member (email or name)</label>
          <input id={inputId} type="search" value={text} onChange={(event) => setText(event.target.value)} />
        </div>
        <Button type="submit">Find</Button>
      </form>
      {found.isError && <ErrorMessage error={found.error} />}
      {found.data && (
        <ul aria-label="Members found" className="admin-found">
          {found.data.items.length === 0 && <li>No member found.</li>}
          {found.data.items.map((m) => (
            <li key={m.id}>
              <Link to={`/admin/members/${m.id}`}>{m.name}</Link>{' '}
              {m.suspended && <span className="muted">(suspended)</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AuditLog() {
  const audit = useAuditLog();
  return (
    <section aria-labelledby="admin-audit" className="card card--padded admin-audit">
      <h2 className="section-title" id="admin-audit">
        Audit log
      </h2>
      <p className="muted">
        Export:{' '}
        <a href="/api/v1/admin/audit/export?format=csv" download>
          CSV
        </a>{' '}
        ·{' '}
        <a href="/api/v1/admin/audit/export?format=json" download>
          JSON
        </a>
      </p>
      {audit.isPending ? (
        <Loading label="Loading the audit log…" />
      ) : audit.isError ? (
        <ErrorMessage error={audit.error} onRetry={() => void audit.refetch()} />
      ) : (
        <div className="admin-scroll">
          <table className="admin-table">
            <caption className="visually-hidden">Every moderator action, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Moderator</th>
                <th scope="col">Action</th>
                <th scope="col">Member</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.items.map((e) => (
                <tr key={e.id}>
                  <td>{exactDateTime(e.at)}</td>
                  <td>
                    {e.actor === 'moderator' ? (
                      <Link to={`/admin/members/${e.moderator.id}`}>{e.moderator.name}</Link>
                    ) : (
                      e.moderator.name
                    )}
                  </td>
                  <td>{e.action.replace('_', ' ')}</td>
                  <td>
                    {e.target ? <Link to={`/admin/members/${e.target.id}`}>{e.target.name}</Link> : '—'}
                  </td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
