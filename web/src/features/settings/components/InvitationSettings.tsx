import { useEffect, useId, useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { LeaveGuard } from '../../../components/LeaveGuard';
import { Loading } from '../../../components/Spinner';
import { useAnnounce } from '../../../components/Toaster';
import { useSettings, type Settings } from '../api/getSettings';
import { useUpdateSettings } from '../api/updateSettings';

const AUTO_WITHDRAW_DAYS = [7, 14, 21, 30, 60, 90];

/** C3 and I9: who may invite me, and whether my old invitations withdraw themselves. */
export function InvitationSettings() {
  const settings = useSettings();
  const update = useUpdateSettings();
  const announce = useAnnounce();
  const [draft, setDraft] = useState<Settings | null>(null);
  const autoId = useId();
  const autoHintId = useId();

  useEffect(() => {
    if (settings.data && draft === null) setDraft(settings.data);
  }, [settings.data, draft]);

  if (settings.isPending) return <Loading label="Loading settings…" />;
  if (settings.isError)
    return <ErrorMessage error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!draft) return null;

  const days = draft.autoWithdrawAfterDays;
  const options =
    days !== null && !AUTO_WITHDRAW_DAYS.includes(days)
      ? [...AUTO_WITHDRAW_DAYS, days].sort((a, b) => a - b)
      : AUTO_WITHDRAW_DAYS;
  const changed =
    draft.whoCanInvite !== settings.data.whoCanInvite ||
    draft.autoWithdrawAfterDays !== settings.data.autoWithdrawAfterDays;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Only this form's fields: the email switches have their own page and save themselves.
    const { whoCanInvite, autoWithdrawAfterDays } = draft;
    update.mutate(
      { whoCanInvite, autoWithdrawAfterDays },
      { onSuccess: (saved) => (setDraft(saved), announce('Settings saved')) },
    );
  };

  return (
    <form className="form settings-form" onSubmit={submit}>
      <LeaveGuard when={changed} />
      <fieldset className="fieldset" role="radiogroup">
        <legend>Who can send you invitations</legend>
        <label className="radio">
          <input
            type="radio"
            name="whoCanInvite"
            value="everyone"
            checked={draft.whoCanInvite === 'everyone'}
            onChange={() => setDraft({ ...draft, whoCanInvite: 'everyone' })}
          />
          <span>
            Everyone on Rapport
            <span className="radio__hint">Any member can invite you to connect.</span>
          </span>
        </label>
        <label className="radio">
          <input
            type="radio"
            name="whoCanInvite"
            value="email_required"
            checked={draft.whoCanInvite === 'email_required'}
            onChange={() => setDraft({ ...draft, whoCanInvite: 'email_required' })}
          />
          <span>
            Only people who know my email address
            <span className="radio__hint">They’ll have to type it when they invite you.</span>
          </span>
        </label>
      </fieldset>

      <div className="field">
        <label htmlFor={autoId}>Auto-withdraw</label>
        <select
          id={autoId}
          aria-describedby={autoHintId}
          value={days ?? ''}
          onChange={(event) =>
            setDraft({ ...draft, autoWithdrawAfterDays: Number(event.target.value) || null })
          }
        >
          <option value="">Off</option>
          {options.map((n) => (
            <option key={n} value={n}>
              After {n} days
            </option>
          ))}
        </select>
        <p className="field__hint" id={autoHintId}>
          Withdraw invitations I sent that are still pending after this long. Nobody is notified.
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
          Save settings
        </Button>
      </div>
    </form>
  );
}
