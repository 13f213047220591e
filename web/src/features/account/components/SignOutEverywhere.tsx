import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useLogOutEverywhere } from '../api/logOutEverywhere';

/** Ends every session of the account, on every device, this one included. */
export function SignOutEverywhere() {
  const logOut = useLogOutEverywhere();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <p className="muted">Signs you out on every device and browser, this one included.</p>
      <div className="form__actions">
        <Button onClick={() => setOpen(true)}>Sign out everywhere</Button>
      </div>
      <ConfirmDialog
        open={open}
        title="Sign out everywhere?"
        confirmLabel="Sign out everywhere"
        pending={logOut.isPending}
        error={logOut.error}
        onClose={() => (setOpen(false), logOut.reset())}
        onConfirm={() => logOut.mutate(undefined, { onSuccess: () => navigate('/login', { replace: true }) })}
      >
        <p>You’ll need your password to sign in again on each device.</p>
      </ConfirmDialog>
    </>
  );
}
