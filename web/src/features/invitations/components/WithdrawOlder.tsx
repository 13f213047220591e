import { useId, useRef, useState } from 'react';
import { Button } from '../../../components/Button';
import { useAnnounce } from '../../../components/Toaster';
import { errorMessage } from '../../../lib/api';
import { count } from '../../../lib/plural';
import { countSentOlderThan } from '../api/getSentInvitations';
import { useWithdrawInvitations } from '../api/withdrawInvitations';
import { AGES, ageLabel } from './ages';
import { BulkWithdrawDialog } from './BulkWithdrawDialog';

/** I6/I9: "Withdraw all older than" an age, after a dialog that says how many that is. */
export function WithdrawOlder({ selectId: givenId }: { selectId?: string } = {}) {
  const ownId = useId();
  const selectId = givenId ?? ownId;
  const [days, setDays] = useState(30);
  const [counting, setCounting] = useState(false);
  const [countError, setCountError] = useState<string | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const withdraw = useWithdrawInvitations();
  const announce = useAnnounce();
  // `counting` reaches the button a render later; a double-click must not count twice.
  const countingNow = useRef(false);

  const start = async () => {
    if (countingNow.current) return;
    countingNow.current = true;
    setCounting(true);
    setCountError(null);
    try {
      const n = await countSentOlderThan(days);
      if (n === 0) announce(`No pending invitations are older than ${ageLabel(days)}`, 'info');
      else {
        withdraw.reset();
        setTotal(n);
      }
    } catch (error) {
      setCountError(errorMessage(error));
    } finally {
      countingNow.current = false;
      setCounting(false);
    }
  };

  const confirm = () =>
    withdraw.mutate(
      { olderThanDays: days },
      {
        onSuccess: (result) => {
          setTotal(null);
          announce(`${count(result.withdrawn.length, 'invitation')} withdrawn`);
        },
      },
    );

  return (
    <div className="withdraw-older">
      <label htmlFor={selectId}>Withdraw all older than</label>
      <div className="withdraw-older__controls">
        <select id={selectId} value={days} onChange={(event) => setDays(Number(event.target.value))}>
          {AGES.map((age) => (
            <option key={age.days} value={age.days}>
              {age.label}
            </option>
          ))}
        </select>
        <Button onClick={() => void start()} pending={counting}>
          Withdraw older
        </Button>
      </div>
      {countError && (
        <p className="error-message" role="alert">
          {countError}
        </p>
      )}
      <BulkWithdrawDialog
        total={total}
        description={
          <p>
            {total === 1 ? 'The one pending invitation' : `All ${count(total ?? 0, 'pending invitation')}`}{' '}
            you sent more than {ageLabel(days)} ago will be withdrawn.
          </p>
        }
        onConfirm={confirm}
        onClose={() => setTotal(null)}
        pending={withdraw.isPending}
        error={withdraw.error}
      />
    </div>
  );
}
