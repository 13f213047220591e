import { useEffect } from 'react';
import { Button } from '../../../components/Button';
import { Dialog } from '../../../components/Dialog';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useAnnounce } from '../../../components/Toaster';
import { count } from '../../../lib/plural';
import { useQuota } from '../api/getQuota';
import { useWithdrawInvitation } from '../api/withdrawInvitation';

export interface WithdrawTarget {
  id: string;
  name: string;
}

interface WithdrawDialogProps {
  /** The invitation to withdraw; the dialog is open while this is set. */
  target: WithdrawTarget | null;
  onClose: () => void;
  onWithdrawn?: (id: string) => void;
  fallbackFocus?: () => HTMLElement | null;
}

/**
 * "Confirm your choice when prompted." Shared by the Sent tab and the profile's Pending
 * button. On failure the dialog stays open with the reason, and nothing changes.
 */
export function WithdrawDialog({ target, onClose, onWithdrawn, fallbackFocus }: WithdrawDialogProps) {
  const withdraw = useWithdrawInvitation();
  const announce = useAnnounce();
  const cooldownDays = useQuota().data?.resendCooldownDays ?? 0;
  const { reset } = withdraw;
  const targetId = target?.id;

  useEffect(() => {
    if (targetId) reset();
  }, [targetId, reset]);

  const confirm = () => {
    if (!target) return;
    withdraw.mutate(target.id, {
      onSuccess: () => {
        announce('Invitation withdrawn');
        onClose();
        onWithdrawn?.(target.id);
      },
    });
  };

  return (
    <Dialog
      open={target !== null}
      title="Withdraw invitation?"
      onClose={onClose}
      busy={withdraw.isPending}
      fallbackFocus={fallbackFocus}
      actions={
        <>
          <Button onClick={onClose} disabled={withdraw.isPending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={confirm} pending={withdraw.isPending} data-autofocus>
            Withdraw
          </Button>
        </>
      }
    >
      <p>
        Your invitation to <strong>{target?.name}</strong> will be withdrawn. They won’t be notified.
      </p>
      <p className="muted">
        {cooldownDays > 0
          ? `You won’t be able to invite ${target?.name} again for ${count(cooldownDays, 'day')}.`
          : `You can invite ${target?.name} again later if you change your mind.`}
      </p>
      {withdraw.isError && <ErrorMessage error={withdraw.error} />}
    </Dialog>
  );
}
