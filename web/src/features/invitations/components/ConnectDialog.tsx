import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { Dialog } from '../../../components/Dialog';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { ApiError } from '../../../lib/api';
import { useSendInvitation, type SendInvitationResult } from '../api/sendInvitation';

export const NOTE_LIMIT = 300;

/** Counted as the server counts: Unicode code points, after trimming surrounding white space. */
export function noteLength(note: string): number {
  return Array.from(note.trim()).length;
}

interface ConnectDialogProps {
  member: { id: string; name: string };
  open: boolean;
  onClose: () => void;
  onSent: (result: SendInvitationResult) => void;
  fallbackFocus?: () => HTMLElement | null;
}

/**
 * "Always include a personal note." The note and email live here until the invitation is
 * sent, so a refusal (or Cancel) never throws away what the person typed.
 */
export function ConnectDialog({ member, open, onClose, onSent, fallbackFocus }: ConnectDialogProps) {
  const [note, setNote] = useState('');
  const [email, setEmail] = useState('');
  const [needsEmail, setNeedsEmail] = useState(false);
  const [tooLong, setTooLong] = useState(false);
  const send = useSendInvitation();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const ids = {
    note: useId(),
    counter: useId(),
    hint: useId(),
    email: useId(),
    emailHint: useId(),
    form: useId(),
  };
  const length = noteLength(note);
  const over = length > NOTE_LIMIT;
  const { reset } = send;

  useEffect(() => {
    if (open) reset();
  }, [open, reset]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (over) {
      setTooLong(true);
      noteRef.current?.focus();
      return;
    }
    setTooLong(false);
    const message = note.trim();
    send.mutate(
      {
        recipientId: member.id,
        ...(message ? { message } : {}),
        ...(needsEmail ? { recipientEmail: email.trim() } : {}),
      },
      {
        onSuccess: (result) => {
          setNote('');
          setEmail('');
          onSent(result);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'invitations_restricted' && !needsEmail) {
            setNeedsEmail(true);
            send.reset();
            requestAnimationFrame(() => emailRef.current?.focus());
          }
        },
      },
    );
  };

  return (
    <Dialog
      open={open}
      title="Add a note to your invitation?"
      onClose={onClose}
      busy={send.isPending}
      className="dialog--wide"
      fallbackFocus={fallbackFocus}
      actions={
        <>
          <Button onClick={onClose} disabled={send.isPending}>
            Cancel
          </Button>
          <Button type="submit" form={ids.form} variant="primary" pending={send.isPending}>
            Send
          </Button>
        </>
      }
    >
      <form id={ids.form} className="form" onSubmit={submit}>
        <p id={ids.hint}>
          Personalize your invitation to <strong>{member.name}</strong>. People are more likely to accept an
          invitation that says why you’d like to connect.
        </p>
        {needsEmail && (
          <div className="field">
            <label htmlFor={ids.email}>Email</label>
            <input
              ref={emailRef}
              id={ids.email}
              type="email"
              autoComplete="off"
              required
              aria-describedby={ids.emailHint}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
            <p className="field__hint" id={ids.emailHint}>
              {member.name} only accepts invitations from people who know their email address.
            </p>
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.note}>Note</label>
          <textarea
            ref={noteRef}
            id={ids.note}
            rows={5}
            data-autofocus
            placeholder="Ex: We know each other from…"
            aria-describedby={`${ids.counter}`}
            aria-invalid={over || undefined}
            value={note}
            onChange={(event) => {
              setNote(event.target.value);
              if (noteLength(event.target.value) <= NOTE_LIMIT) setTooLong(false);
            }}
          />
          <p className={`counter ${over ? 'counter--over' : ''}`} id={ids.counter}>
            {length}/{NOTE_LIMIT}
            {over && <span> · {length - NOTE_LIMIT} over the limit</span>}
          </p>
        </div>
        {(tooLong || (over && send.isError)) && (
          <p className="error-message" role="alert">
            Your note is {length} characters long. Shorten it to {NOTE_LIMIT} or fewer to send it.
          </p>
        )}
        {send.isError && !over && <ErrorMessage error={send.error} />}
      </form>
    </Dialog>
  );
}
