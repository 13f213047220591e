import { NotFound } from '../../../components/NotFound';

/** A profile that is gone, never existed, or sits behind a block either way: all read the same. */
export function ProfileUnavailable() {
  return (
    <NotFound title="This profile isn’t available">
      The member may have left Rapport, or the link may be wrong.
    </NotFound>
  );
}
