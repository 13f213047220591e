import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { BlockedMembers } from './BlockedMembers';
import { InvitationSettings } from './InvitationSettings';
import './settings.css';

export function SettingsPage() {
  useDocumentTitle('Settings');
  return (
    <div className="stack settings">
      <h1 className="page-title">Settings</h1>
      <section className="card card--padded" aria-labelledby="settings-invitations">
        <h2 className="section-title" id="settings-invitations">
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
    </div>
  );
}
