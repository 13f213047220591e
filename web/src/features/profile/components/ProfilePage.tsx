import { useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Avatar } from '../../../components/Avatar';
import { Button } from '../../../components/Button';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { MutualConnections } from '../../../components/MutualConnections';
import { Loading } from '../../../components/Spinner';
import { ApiError } from '../../../lib/api';
import { count } from '../../../lib/plural';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useMemberProfile, type MemberProfile } from '../api/getMember';
import { ProfileMoreMenu } from './ProfileMoreMenu';
import { ProfileUnavailable } from './ProfileUnavailable';
import './profile.css';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

function relationshipNote({ member, relationship, canInviteAt }: MemberProfile): string {
  const first = member.name.split(/\s+/)[0] ?? member.name;
  if (relationship === 'none' && canInviteAt && Date.parse(canInviteAt) > Date.now()) {
    return `You withdrew your invitation to ${first}. You can invite them again from ${dateFormat.format(new Date(canInviteAt))}.`;
  }
  switch (relationship) {
    case 'self':
      return 'Your profile. Edit your name and headline, or see it the way other members do.';
    case 'invitation_sent':
      return `Your invitation is waiting for ${first}’s answer. You can withdraw it at any time; ${first} won’t be notified.`;
    case 'invitation_received':
      return `${first} invited you to connect.`;
    case 'connected':
      return `You and ${first} are connected.`;
    default:
      return `Invite ${first} to connect, with a note that says why.`;
  }
}

interface ProfilePageProps {
  /** The primary action for this relationship (Connect, Pending, Accept / Ignore…), composed by the app. */
  renderActions: (profile: MemberProfile) => ReactNode;
}

/** A member's profile (A2): name, headline, connection count, and what I can do about them. */
export function ProfilePage({ renderActions }: ProfilePageProps) {
  const { memberId = '' } = useParams();
  const [blockedName, setBlockedName] = useState<string | null>(null);
  const [asOthers, setAsOthers] = useState(false);
  const profile = useMemberProfile(memberId, blockedName === null);
  const actions = useRef<HTMLDivElement>(null);
  const firstAction = () =>
    actions.current?.querySelector<HTMLElement>('button, a') ?? document.getElementById('blocked-title');
  useDocumentTitle(blockedName ?? profile.data?.member.name ?? 'Profile');

  if (blockedName !== null) {
    return (
      <section className="card card--padded" aria-labelledby="blocked-title">
        <h1 className="page-title" id="blocked-title" tabIndex={-1}>
          You blocked {blockedName}
        </h1>
        <p>You won’t see each other’s profiles, and neither of you can invite the other.</p>
        <p>
          Changed your mind? Unblock them in <Link to="/settings">Settings</Link>.
        </p>
      </section>
    );
  }
  if (profile.isPending) return <Loading label="Loading profile…" />;
  if (profile.isError) {
    if (profile.error instanceof ApiError && profile.error.status === 404) return <ProfileUnavailable />;
    return <ErrorMessage error={profile.error} onRetry={() => void profile.refetch()} />;
  }

  const data = profile.data;
  const { member } = data;
  const owner = data.relationship === 'self';
  // The owner may look at their profile the way other members see it: no owner-only buttons.
  const self = owner && !asOthers;
  const connections = count(data.connectionCount, 'connection');

  return (
    <article className="card profile" aria-labelledby="profile-name">
      <div className="profile__cover" aria-hidden="true" />
      <div className="profile__content">
        <Avatar id={member.id} name={member.name} size="large" />
        <h1 className="profile__name" id="profile-name">
          {member.name}
        </h1>
        {member.headline && <p className="profile__headline">{member.headline}</p>}
        <p className="profile__connections">
          {self ? <Link to="/mynetwork/connections">{connections}</Link> : connections}
        </p>
        {!owner && (
          <MutualConnections
            memberId={member.id}
            total={data.mutualConnections}
            preview={data.mutualPreview}
          />
        )}
        <div className="profile__actions" ref={actions}>
          {owner ? (
            <>
              {self ? (
                <Link to="/settings/account" className="button button--primary">
                  Edit
                </Link>
              ) : (
                <Button variant="primary" disabled>
                  Connect
                </Button>
              )}
              <Button aria-pressed={asOthers} onClick={() => setAsOthers(!asOthers)}>
                View as others see it
              </Button>
            </>
          ) : (
            <>
              {renderActions(data)}
              <ProfileMoreMenu
                profile={data}
                onBlocked={() => setBlockedName(member.name)}
                fallbackFocus={firstAction}
              />
            </>
          )}
        </div>
        <p className="muted profile__note">
          {owner && asOthers
            ? 'This is how other members see your profile: they can invite you to connect.'
            : relationshipNote(data)}
        </p>
      </div>
    </article>
  );
}
