import { useState } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { LeaveGuard } from '../../../components/LeaveGuard';
import { Loading } from '../../../components/Spinner';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useMe } from '../../auth/api/getMe';
import { DeleteAccount } from './DeleteAccount';
import { PasswordForm } from './PasswordForm';
import { ProfileForm } from './ProfileForm';
import { SignOutEverywhere } from './SignOutEverywhere';

/** Your own account (A5): profile, password, sessions, and leaving. */
export function AccountPage() {
  useDocumentTitle('Account settings');
  const me = useMe();
  // One guard for the page: a router holds one blocker at a time.
  const [profileDirty, setProfileDirty] = useState(false);
  const [passwordDirty, setPasswordDirty] = useState(false);
  if (me.isPending) return <Loading label="Loading your account…" />;
  if (me.isError) return <ErrorMessage error={me.error} onRetry={() => void me.refetch()} />;
  return (
    <>
      <LeaveGuard when={profileDirty || passwordDirty} />
      <section className="card card--padded" aria-labelledby="account-profile">
        <h1 className="page-title" id="account-title">
          Account
        </h1>
        <p className="muted">Signed in as {me.data.email}</p>
        <h2 className="section-title section-title--spaced" id="account-profile">
          Profile
        </h2>
        <ProfileForm me={me.data} onDirty={setProfileDirty} />
      </section>
      <section className="card card--padded" aria-labelledby="account-password">
        <h2 className="section-title" id="account-password">
          Password
        </h2>
        <PasswordForm onDirty={setPasswordDirty} />
      </section>
      <section className="card card--padded" aria-labelledby="account-sessions">
        <h2 className="section-title" id="account-sessions">
          Sessions
        </h2>
        <SignOutEverywhere />
      </section>
      <section className="card card--padded" aria-labelledby="account-delete">
        <h2 className="section-title" id="account-delete">
          Delete account
        </h2>
        <DeleteAccount />
      </section>
    </>
  );
}
