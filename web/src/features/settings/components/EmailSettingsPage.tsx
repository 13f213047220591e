import { useId } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Spinner';
import { useAnnounce } from '../../../components/Toaster';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useSettings, type Settings } from '../api/getSettings';
import { useUpdateSettings } from '../api/updateSettings';
import './settings.css';

type EmailSwitch = keyof Settings['email'];

const SWITCHES: { key: EmailSwitch; label: string; hint: string }[] = [
  {
    key: 'invitationReceived',
    label: 'New invitations',
    hint: 'When someone invites you to connect and you haven’t seen it here yet.',
  },
  {
    key: 'invitationAccepted',
    label: 'Accepted invitations',
    hint: 'When someone accepts your invitation.',
  },
  {
    key: 'reminders',
    label: 'Reminders',
    hint: 'An invitation still waiting for your answer, and your own invitations pending for a long time.',
  },
];

/**
 * N2: which emails the member gets. A switch takes effect at once (no Save): an email already
 * waiting to leave is checked again when it would be sent, so turning a kind off stops it too.
 */
export function EmailSettingsPage() {
  useDocumentTitle('Email settings');
  const settings = useSettings();
  return (
    <section className="card card--padded" aria-labelledby="settings-email-title">
      <h1 className="page-title" id="settings-email-title">
        Email
      </h1>
      <p className="muted">
        Each email leaves a few minutes after what it tells of, and only if that is still true then.
      </p>
      {settings.isPending ? (
        <Loading label="Loading settings…" />
      ) : settings.isError ? (
        <ErrorMessage error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <EmailSwitches email={settings.data.email} />
      )}
    </section>
  );
}

function EmailSwitches({ email }: { email: Settings['email'] }) {
  const update = useUpdateSettings();
  const announce = useAnnounce();
  return (
    <>
      <ul className="email-switches" aria-label="Email me about">
        {SWITCHES.map((s) => (
          <EmailSwitchRow
            key={s.key}
            label={s.label}
            hint={s.hint}
            on={email[s.key]}
            onToggle={(on) =>
              update.mutate(
                { email: { [s.key]: on } },
                { onSuccess: () => announce(`${s.label} emails ${on ? 'on' : 'off'}`) },
              )
            }
          />
        ))}
      </ul>
      {update.isError && <ErrorMessage error={update.error} />}
    </>
  );
}

function EmailSwitchRow(props: {
  label: string;
  hint: string;
  on: boolean;
  onToggle: (on: boolean) => void;
}) {
  const id = useId();
  const hintId = useId();
  return (
    <li className="email-switch">
      <span className="email-switch__text">
        <label htmlFor={id} className="email-switch__label">
          {props.label}
        </label>
        <span className="field__hint" id={hintId}>
          {props.hint}
        </span>
      </span>
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch"
        aria-describedby={hintId}
        checked={props.on}
        onChange={(event) => props.onToggle(event.target.checked)}
      />
    </li>
  );
}
