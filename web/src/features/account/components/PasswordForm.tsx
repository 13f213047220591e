import { useEffect, useId, useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useAnnounce } from '../../../components/Toaster';
import { useChangePassword } from '../api/changePassword';

/** Change password: every other session ends, this one stays signed in. */
export function PasswordForm({ onDirty }: { onDirty: (dirty: boolean) => void }) {
  const change = useChangePassword();
  const announce = useAnnounce();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const currentId = useId();
  const newId = useId();
  const hintId = useId();

  const dirty = currentPassword !== '' || newPassword !== '';
  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrent('');
          setNew('');
          announce('Password changed. Your other sessions were signed out.');
        },
      },
    );
  };

  return (
    <form className="form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={currentId}>Current password</label>
        <input
          id={currentId}
          type="password"
          value={currentPassword}
          required
          autoComplete="current-password"
          onChange={(event) => setCurrent(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={newId}>New password</label>
        <input
          id={newId}
          type="password"
          value={newPassword}
          required
          minLength={8}
          maxLength={200}
          autoComplete="new-password"
          aria-describedby={hintId}
          onChange={(event) => setNew(event.target.value)}
        />
        <p className="field__hint" id={hintId}>
          At least 8 characters. Your other sessions will be signed out.
        </p>
      </div>
      {change.isError && <ErrorMessage error={change.error} />}
      <div className="form__actions">
        <Button type="submit" variant="primary" pending={change.isPending}>
          Change password
        </Button>
      </div>
    </form>
  );
}
