import { useEffect, useId, useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useAnnounce } from '../../../components/Toaster';
import type { Me } from '../../auth/api/getMe';
import { useUpdateMe } from '../api/updateMe';

/** Name and headline (A5), validated by the server with the rules of signup. */
export function ProfileForm({ me, onDirty }: { me: Me; onDirty: (dirty: boolean) => void }) {
  const update = useUpdateMe();
  const announce = useAnnounce();
  const [name, setName] = useState(me.member.name);
  const [headline, setHeadline] = useState(me.member.headline);
  const nameId = useId();
  const headlineId = useId();
  const hintId = useId();

  // Saved elsewhere (another tab): start from what the server has now.
  useEffect(() => {
    setName(me.member.name);
    setHeadline(me.member.headline);
  }, [me.member.name, me.member.headline]);

  const changed = name !== me.member.name || headline !== me.member.headline;
  useEffect(() => onDirty(changed), [changed, onDirty]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { name, headline },
      {
        onSuccess: (saved) => {
          setName(saved.member.name);
          setHeadline(saved.member.headline);
          announce('Profile saved');
        },
      },
    );
  };

  return (
    <form className="form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={nameId}>Name</label>
        <input
          id={nameId}
          type="text"
          value={name}
          required
          maxLength={100}
          autoComplete="name"
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={headlineId}>Headline</label>
        <input
          id={headlineId}
          type="text"
          value={headline}
          maxLength={200}
          aria-describedby={hintId}
          onChange={(event) => setHeadline(event.target.value)}
        />
        <p className="field__hint" id={hintId}>
          Shown under your name everywhere, e.g. “Analyst at Analytical Engines”.
        </p>
      </div>
      {update.isError && <ErrorMessage error={update.error} />}
      <div className="form__actions">
        <Button
          type="submit"
          variant="primary"
          pending={update.isPending}
          disabled={!changed && !update.isPending}
        >
          Save
        </Button>
      </div>
    </form>
  );
}
