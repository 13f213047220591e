import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button } from '../../../components/Button';
import { Dialog } from '../../../components/Dialog';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useDeleteAccount } from '../api/deleteAccount';

/** Delete account (A4) behind a dialog that asks for the password. */
export function DeleteAccount() {
  const remove = useDeleteAccount();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const passwordId = useId();
  const formId = useId();

  const close = () => {
    setOpen(false);
    setPassword('');
    remove.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    remove.mutate(password, {
      onSuccess: () => navigate('/login', { replace: true }),
    });
  };

  return (
    <>
      <p className="muted">
        Your profile, invitations, connections, blocks and notifications are deleted for good. Nobody is
        notified.
      </p>
      <div className="form__actions">
        <Button variant="danger" onClick={() => setOpen(true)}>
          Delete account
        </Button>
      </div>
      <Dialog
        open={open}
        title="Delete your account?"
        onClose={close}
        busy={remove.isPending}
        actions={
          <>
            <Button onClick={close} disabled={remove.isPending}>
              Cancel
            </Button>
            <Button type="submit" form={formId} variant="danger" pending={remove.isPending}>
              Delete account
            </Button>
          </>
        }
      >
        <form id={formId} className="form" onSubmit={submit}>
          <p>This can’t be undone. Enter your password to confirm.</p>
          <div className="field">
            <label htmlFor={passwordId}>Password</label>
            <input
              id={passwordId}
              type="password"
              value={password}
              required
              autoComplete="current-password"
              data-autofocus
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          {remove.isError && <ErrorMessage error={remove.error} />}
        </form>
      </Dialog>
    </>
  );
}
