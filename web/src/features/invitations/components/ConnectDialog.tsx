import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { Dialog } from '../../../components/Dialog';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { ApiError } from '../../../lib/api';
import { exactDateTime } from '../../../lib/time';
import { useQuota } from '../api/getQuota';
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
  /** The profile said an invitation to this member needs their email (`invitationRequiresEmail`). */
  emailRequired?: boolean;
}

/** The refusals that mean "add the email address", with or without one already given. */
const NEEDS_EMAIL = new Set(['invitations_restricted', 'sender_restricted']);

/**
 * "Always include a personal note." The note and email live here until the invitation is
 * sent, so a refusal (or Cancel) never throws away what the person typed.
 */
export function ConnectDialog({
  member,
  open,
  onClose,
  onSent,
  fallbackFocus,
  emailRequired = false,
}: ConnectDialogProps) {
  const [note, setNote] = useState('');
  const [email, setEmail] = useState('');
  const [askedForEmail, setAskedForEmail] = useState(false);
  // The address given was refused: the field says so until it changes.
  const [emailRefused, setEmailRefused] = useState(false);
  const needsEmail = emailRequired || askedForEmail;
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
    emailError: useId(),
    form: useId(),
  };
  const length = noteLength(note);
  const over = length > NOTE_LIMIT;
  const { reset } = send;

  useEffect(() => {
    if (!open) return;
    reset();
    setEmailRefused(false);
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
          if (!(error instanceof ApiError) || !NEEDS_EMAIL.has(error.code)) return;
          if (needsEmail) {
            setEmailRefused(true);
          } else {
            // A profile that was read before the member changed their setting: ask now.
            setAskedForEmail(true);
            send.reset();
          }
          requestAnimationFrame(() => emailRef.current?.focus());
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
              data-autofocus
              aria-invalid={emailRefused || undefined}
              aria-describedby={emailRefused ? `${ids.emailError} ${ids.emailHint}` : ids.emailHint}
              value={email}
              onChange={(event) => {
                setEmail(event.target.value);
                setEmailRefused(false);
              }}
            />
            {emailRefused && (
              <p className="field__error" id={ids.emailError} role="alert">
                That is not {member.name}’s email address. Check it and try again.
              </p>
            )}
            <p className="field__hint" id={ids.emailHint}>
              <EmailReason name={member.name} open={open} />
            </p>
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.note}>Note</label>
          <textarea
            ref={noteRef}
            id={ids.note}
            rows={5}
            data-autofocus={needsEmail ? undefined : true}
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
        {send.isError && !over && !emailRefused && <ErrorMessage error={send.error} />}
      </form>
    </Dialog>
  );
}

/**
 * Why the email is asked for. The profile's one flag does not say (a member's setting and their
 * "don't know" mark must read alike); the sender's own restriction is theirs to know, from the
 * quota, so the dialog names it when it runs.
 */
function EmailReason({ name, open }: { name: string; open: boolean }) {
  const quota = useQuota({ enabled: open });
  const until = quota.data?.restrictedUntil ?? null;
  if (until !== null && Date.parse(until) > Date.now()) {
    return (
      <>
        Many recent recipients did not know you, so until {exactDateTime(until)} every invitation you send
        needs the recipient’s email address.
      </>
    );
  }
  return <>{name} only accepts invitations from people who know their email address.</>;
}
