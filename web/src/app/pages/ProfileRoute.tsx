import { InvitationActions } from '../../features/invitations/components/InvitationActions';
import { ProfilePage } from '../../features/profile/components/ProfilePage';

/** A profile, with the invitation actions that fit the relationship. */
export function ProfileRoute() {
  return (
    <ProfilePage
      renderActions={(profile) => (
        <InvitationActions
          member={profile.member}
          relationship={profile.relationship}
          invitationId={profile.invitationId}
          invitationRequiresEmail={profile.invitationRequiresEmail}
        />
      )}
    />
  );
}
