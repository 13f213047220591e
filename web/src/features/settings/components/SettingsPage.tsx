import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { BlockedMembers } from './BlockedMembers';
import { InvitationSettings } from './InvitationSettings';
import './settings.css';

export function SettingsPage() {
  useDocumentTitle('Settings');
  return (
    <>
      <section className="card card--padded" aria-labelledby="settings-invitations">
        <h1 className="page-title" id="settings-title">
          Invitations and privacy
        </h1>
        <h2 className="section-title section-title--spaced" id="settings-invitations">
          Invitations
        </h2>
        <InvitationSettings />
      </section>
      <section className="card card--padded" aria-labelledby="settings-blocked">
        <h2 className="section-title" id="settings-blocked">
          Blocked members
        </h2>
        <p className="muted">
          Blocked members can’t see your profile or invite you, and you can’t see theirs.
        </p>
        <BlockedMembers />
      </section>
    </>
  );
}
