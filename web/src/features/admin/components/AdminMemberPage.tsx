import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button } from '../../../components/Button';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Spinner';
import { useAnnounce } from '../../../components/Toaster';
import { ApiError } from '../../../lib/api';
import { exactDateTime } from '../../../lib/time';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useModerate, useModeratedMember, type ModeratedMember } from '../api/admin';

/** A member as moderators see them (M4): standing, restriction, suspension, limits, and actions. */
export function AdminMemberPage({ notFound }: { notFound: ReactNode }) {
  const { memberId = '' } = useParams();
  const member = useModeratedMember(memberId);
  if (member.isPending) return <Loading label="Loading…" />;
  if (member.error instanceof ApiError && member.error.status === 404) return <>{notFound}</>;
  if (member.isError) return <ErrorMessage error={member.error} onRetry={() => void member.refetch()} />;
  return <MemberView m={member.data} />;
}

function MemberView({ m }: { m: ModeratedMember }) {
  useDocumentTitle(`${m.member.name} · Moderation`);
  return (
    <div className="stack">
      <section className="card card--padded" aria-labelledby="member-title">
        <p className="admin-back">
          <Link to="/admin">← Moderation</Link>
        </p>
        <h1 className="page-title" id="member-title">
          {m.member.name}
        </h1>
        <p className="muted">
          {m.member.headline} · {m.email}
          {m.moderator && ' · moderator'}
        </p>
      </section>
      <section className="card card--padded" aria-labelledby="standing-title">
        <h2 className="section-title" id="standing-title">
          Standing, last 30 days
        </h2>
        <dl className="stats">
          <Stat label="Sent" value={m.standing.sent30d} />
          <Stat label="Accepted" value={m.standing.accepted30d} />
          <Stat label="“Don’t know” marks" value={m.standing.dontKnow30d} />
          <Stat label="Reports" value={m.standing.reports30d} />
        </dl>
        <p className="admin-state">
          {m.suspended
            ? `Suspended since ${m.suspendedAt ? exactDateTime(m.suspendedAt) : '—'}.`
            : m.restrictedUntil
              ? `Restricted until ${exactDateTime(m.restrictedUntil)}: each invitation needs the recipient’s email.`
              : 'Not restricted or suspended.'}
        </p>
        <p className="muted">
          {m.pendingSent} pending sent · {m.connections} {m.connections === 1 ? 'connection' : 'connections'}{' '}
          · limits per day {m.limits.effective.invitesPerDay}, per week {m.limits.effective.invitesPerWeek},
          pending {m.limits.effective.maxPendingSent}
        </p>
      </section>
      <Actions member={m} />
    </div>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Actions({ member }: { member: ModeratedMember }) {
  const moderate = useModerate();
  const announce = useAnnounce();
  const ids = { reason: useId(), days: useId(), day: useId(), week: useId(), pending: useId() };
  const [reason, setReason] = useState('');
  const [days, setDays] = useState('14');
  const [limits, setLimits] = useState({
    day: member.limits.invitesPerDay?.toString() ?? '',
    week: member.limits.invitesPerWeek?.toString() ?? '',
    pending: member.limits.maxPendingSent?.toString() ?? '',
  });
  const id = member.member.id;
  const orNull = (text: string) => (text.trim() === '' ? null : Number(text));
  const done = (what: string) => ({
    onSuccess: () => {
      setReason('');
      announce(what);
    },
  });
  const suspend = (event: FormEvent) => {
    event.preventDefault();
  };
  return (
    <section className="card card--padded" aria-labelledby="actions-title">
      <h2 className="section-title" id="actions-title">
        Actions
      </h2>
      <form onSubmit={suspend} className="form">
        <div className="field">
          <label htmlFor={ids.reason}>Reason</label>
          <input
            id={ids.reason}
            type="text"
            required
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
        <div className="admin-actions">
          <div className="field">
            <label htmlFor={ids.days}>Restrict for (days)</label>
            <input
              id={ids.days}
              type="number"
              min={1}
              max={365}
              value={days}
              onChange={(event) => setDays(event.target.value)}
            />
          </div>
          <Button
            onClick={() =>
              moderate.mutate(
                { kind: 'restrict', memberId: id, days: Number(days), reason },
                done('Member restricted'),
              )
            }
          >
            Restrict
          </Button>
        </div>
        <div className="admin-actions">
          {member.suspended ? (
            <Button
              onClick={() =>
                moderate.mutate({ kind: 'unsuspend', memberId: id, reason }, done('Suspension lifted'))
              }
            >
              Lift suspension
            </Button>
          ) : (
            <Button
              variant="danger"
              onClick={() =>
                moderate.mutate({ kind: 'suspend', memberId: id, reason }, done('Member suspended'))
              }
            >
              Suspend
            </Button>
          )}
        </div>
        <fieldset className="field">
          <legend>Sending limits (empty: the network’s default)</legend>
          <div className="admin-actions">
            <div className="field">
              <label htmlFor={ids.day}>Per day</label>
              <input
                id={ids.day}
                type="number"
                min={0}
                value={limits.day}
                onChange={(event) => setLimits({ ...limits, day: event.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.week}>Per week</label>
              <input
                id={ids.week}
                type="number"
                min={0}
                value={limits.week}
                onChange={(event) => setLimits({ ...limits, week: event.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.pending}>Pending</label>
              <input
                id={ids.pending}
                type="number"
                min={0}
                value={limits.pending}
                onChange={(event) => setLimits({ ...limits, pending: event.target.value })}
              />
            </div>
            <Button
              onClick={() =>
                moderate.mutate(
                  {
                    kind: 'limits',
                    memberId: id,
                    reason,
                    invitesPerDay: orNull(limits.day),
                    invitesPerWeek: orNull(limits.week),
                    maxPendingSent: orNull(limits.pending),
                  },
                  done('Sending limits saved'),
                )
              }
            >
              Save limits
            </Button>
          </div>
        </fieldset>
        {moderate.isError && <ErrorMessage error={moderate.error} />}
      </form>
    </section>
  );
}
