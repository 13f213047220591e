import type { ReactNode } from 'react';
import { Button } from '../../../components/Button';
import { Dialog } from '../../../components/Dialog';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { count } from '../../../lib/plural';

interface BulkWithdrawDialogProps {
  /** How many will be withdrawn; the dialog is open while this is set. */
  total: number | null;
  description: ReactNode;
  onConfirm: () => void;
  onClose: () => void;
  pending: boolean;
  error: unknown;
}

/** The confirmation in front of both bulk withdrawals: it says how many will go. */
export function BulkWithdrawDialog({
  total,
  description,
  onConfirm,
  onClose,
  pending,
  error,
}: BulkWithdrawDialogProps) {
  return (
    <Dialog
      open={total !== null}
      title={`Withdraw ${count(total ?? 0, 'invitation')}?`}
      onClose={onClose}
      busy={pending}
      actions={
        <>
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={onConfirm} pending={pending} data-autofocus>
            Withdraw
          </Button>
        </>
      }
    >
      {description}
      <p className="muted">The people you invited won’t be notified.</p>
      {Boolean(error) && <ErrorMessage error={error} />}
    </Dialog>
  );
}
