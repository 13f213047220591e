import { useEffect, useId, useState, type FormEvent } from 'react';
import { useFileReport, type ReportReason, type ReportTarget } from '../lib/reports';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { ErrorMessage } from './ErrorMessage';

export const REPORT_COMMENT_LIMIT = 1000;

const REASONS: { value: ReportReason; label: string }[] = [
  { value: 'spam', label: 'Spam' },
  { value: 'harassment', label: 'Harassment' },
  { value: 'fake', label: 'Fake profile' },
  { value: 'other', label: 'Other' },
];

interface ReportDialogProps {
  /** Who is reported, for the title; the target says what (their invitation, or them). */
  name: string;
  target: ReportTarget | null;
  onClose: () => void;
  onReported: (target: ReportTarget) => void;
  fallbackFocus?: () => HTMLElement | null;
}

/**
 * M2 Report: a reason and an optional comment (≤ 1000 characters). The moderators see it; the
 * member reported is told nothing. The typed comment stays if sending fails.
 */
export function ReportDialog({ name, target, onClose, onReported, fallbackFocus }: ReportDialogProps) {
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [comment, setComment] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const file = useFileReport();
  const ids = { form: useId(), comment: useId(), counter: useId(), legend: useId() };
  const length = Array.from(comment.trim()).length;
  const over = length > REPORT_COMMENT_LIMIT;
  const { reset } = file;
  const open = target !== null;

  useEffect(() => {
    if (open) reset();
  }, [open, reset]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!target) return;
    if (!reason) {
      setMissingReason(true);
      return;
    }
    if (over) return;
    file.mutate(
      { target, reason, comment },
      {
        onSuccess: () => {
          setReason(null);
          setComment('');
          onReported(target);
        },
      },
    );
  };

  const isInvitation = target !== null && 'invitationId' in target;
  return (
    <Dialog
      open={open}
      title={isInvitation ? `Report ${name}’s invitation?` : `Report ${name}?`}
      onClose={onClose}
      busy={file.isPending}
      fallbackFocus={fallbackFocus}
      actions={
        <>
          <Button onClick={onClose} disabled={file.isPending} data-autofocus>
            Cancel
          </Button>
          <Button type="submit" form={ids.form} variant="danger" pending={file.isPending}>
            Report
          </Button>
        </>
      }
    >
      <form id={ids.form} className="form" onSubmit={submit}>
        <p>
          Only the network’s moderators see your report. {name} isn’t told.
          {isInvitation && ' The invitation is also ignored.'}
        </p>
        <fieldset className="field" aria-describedby={missingReason ? `${ids.legend}-error` : undefined}>
          <legend id={ids.legend}>Reason</legend>
          {REASONS.map((r) => (
            <label key={r.value} className="checkbox-label">
              <input
                type="radio"
                name={`${ids.form}-reason`}
                value={r.value}
                checked={reason === r.value}
                onChange={() => {
                  setReason(r.value);
                  setMissingReason(false);
                }}
              />
              {r.label}
            </label>
          ))}
          {missingReason && (
            <p className="error-message" role="alert" id={`${ids.legend}-error`}>
              Choose a reason.
            </p>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor={ids.comment}>Comment (optional)</label>
          <textarea
            id={ids.comment}
            rows={4}
            aria-describedby={ids.counter}
            aria-invalid={over || undefined}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
          <p className={`counter ${over ? 'counter--over' : ''}`} id={ids.counter}>
            {length}/{REPORT_COMMENT_LIMIT}
            {over && <span> · {length - REPORT_COMMENT_LIMIT} over the limit</span>}
          </p>
        </div>
        {file.isError && <ErrorMessage error={file.error} />}
      </form>
    </Dialog>
  );
}
