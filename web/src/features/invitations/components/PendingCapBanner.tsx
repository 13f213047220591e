import { Button } from '../../../components/Button';
import { count } from '../../../lib/plural';
import { useQuota } from '../api/getQuota';

/**
 * M3: at the pending cap a send is refused (409 too_many_pending), so the Sent tab says so before
 * the member tries, and offers the clean-up: withdrawing old invitations.
 */
export function PendingCapBanner({ onWithdrawOlder }: { onWithdrawOlder: () => void }) {
  const quota = useQuota();
  const pending = quota.data?.pending;
  if (!pending || pending.used < pending.limit) return null;
  return (
    <section className="banner" aria-labelledby="pending-cap-title">
      <h2 id="pending-cap-title" className="banner__title">
        You’ve reached the limit of pending invitations
      </h2>
      <p>
        You have {count(pending.used, 'pending invitation')}, the most you may hold. Withdraw old ones that
        haven’t been answered to send new invitations.
      </p>
      <Button variant="primary" size="small" onClick={onWithdrawOlder}>
        Withdraw older invitations
      </Button>
    </section>
  );
}
