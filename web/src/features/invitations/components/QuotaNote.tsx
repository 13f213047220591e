import { count } from '../../../lib/plural';
import { exactDateTime } from '../../../lib/time';
import { useQuota } from '../api/getQuota';

/** "63 of 100 invitations left this week", and the day's allowance when it is about to run out. */
export function QuotaNote() {
  const quota = useQuota();
  if (!quota.data) return null;
  const { day, week } = quota.data;
  const weekLeft = Math.max(0, week.limit - week.used);
  const dayLeft = Math.max(0, day.limit - day.used);
  return (
    <p className="quota">
      <span>
        {weekLeft.toLocaleString()} of {count(week.limit, 'invitation')} left this week
      </span>
      {dayLeft < weekLeft && dayLeft <= 5 && (
        <span className="quota__day">
          {dayLeft === 0 && day.resetsAt
            ? ` · none left today, more from ${exactDateTime(day.resetsAt)}`
            : ` · ${dayLeft.toLocaleString()} left today`}
        </span>
      )}
    </p>
  );
}
