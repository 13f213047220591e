import { useId, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button } from '../../../components/Button';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Spinner';
import { useAnnounce } from '../../../components/Toaster';
import { allItems } from '../../../lib/pages';
import { count } from '../../../lib/plural';
import { useDebounced } from '../../../lib/useDebounced';
import { useSentInvitations } from '../api/getSentInvitations';
import { useWithdrawInvitations } from '../api/withdrawInvitations';
import { AGES } from './ages';
import { BulkWithdrawDialog } from './BulkWithdrawDialog';
import { PendingCapBanner } from './PendingCapBanner';
import { QuotaNote } from './QuotaNote';
import { SentRow } from './SentRow';
import { useSelection } from './useSelection';
import { WithdrawDialog, type WithdrawTarget } from './WithdrawDialog';
import { WithdrawOlder } from './WithdrawOlder';

function names(list: string[]): string {
  if (list.length <= 3) return list.join(list.length === 2 ? ' and ' : ', ').replace(/, ([^,]*)$/, ' and $1');
  return `${list.slice(0, 2).join(', ')} and ${list.length - 2} others`;
}

/** "In the Sent tab, you'll see all the connection requests you've sent that have not yet been accepted." */
export function SentTab() {
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const query = useDebounced(text.trim(), 250);
  const initialAge = Number(params.get('olderThan'));
  const [olderThanDays, setOlderThanDays] = useState<number | null>(initialAge > 0 ? initialAge : null);
  const sent = useSentInvitations({ query, olderThanDays });
  const items = allItems(sent.data);
  const total = sent.data?.pages[0]?.total ?? 0;

  const { selected, toggle, selectOnly } = useSelection();
  const selectedRows = items.filter((item) => selected.has(item.id));
  const [target, setTarget] = useState<WithdrawTarget | null>(null);
  const targetIndex = useRef(0);
  const [bulkOpen, setBulkOpen] = useState(false);
  const bulk = useWithdrawInvitations();
  const announce = useAnnounce();
  const list = useRef<HTMLUListElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const searchId = useId();
  const ageId = useId();
  const withdrawOlderId = useId();

  const setFilter = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  /** After a row leaves, focus the Withdraw button that took its place, so keyboard users keep their spot. */
  const focusAfterRemoval = () => {
    const buttons = list.current?.querySelectorAll<HTMLElement>('[data-withdraw]');
    if (buttons && buttons.length > 0) return buttons[Math.min(targetIndex.current, buttons.length - 1)]!;
    return search.current;
  };

  const confirmBulk = () =>
    bulk.mutate(
      { ids: selectedRows.map((row) => row.id) },
      {
        onSuccess: (result) => {
          setBulkOpen(false);
          selectOnly([]);
          const skipped =
            result.skipped.length > 0
              ? `. ${count(result.skipped.length, 'was', 'were')} no longer pending`
              : '';
          announce(`${count(result.withdrawn.length, 'invitation')} withdrawn${skipped}`);
        },
      },
    );

  const filtered = query !== '' || olderThanDays !== null;
  const allSelected = items.length > 0 && selectedRows.length === items.length;

  return (
    <div className="sent-tab">
      <div className="toolbar">
        <div className="toolbar__field toolbar__field--grow">
          <label htmlFor={searchId} className="visually-hidden">
            Search sent invitations
          </label>
          <input
            ref={search}
            id={searchId}
            type="search"
            placeholder="Search by name"
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setFilter('q', event.target.value.trim() || null);
            }}
          />
        </div>
        <div className="toolbar__field">
          <label htmlFor={ageId}>Age</label>
          <select
            id={ageId}
            value={olderThanDays ?? ''}
            onChange={(event) => {
              const value = Number(event.target.value) || null;
              setOlderThanDays(value);
              setFilter('olderThan', value ? String(value) : null);
            }}
          >
            <option value="">All pending invitations</option>
            {AGES.map((age) => (
              <option key={age.days} value={age.days}>
                Older than {age.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <QuotaNote />
      <PendingCapBanner onWithdrawOlder={() => document.getElementById(withdrawOlderId)?.focus()} />

      {/* Nothing to select or withdraw: the empty state says so, without controls that do nothing. */}
      {(sent.isPending || items.length > 0) && (
        <div className="bulkbar">
          <div className="bulkbar__selection">
            <label className="checkbox-label">
              <input
                type="checkbox"
                checked={allSelected}
                disabled={items.length === 0}
                onChange={(event) => selectOnly(event.target.checked ? items.map((i) => i.id) : [])}
              />
              Select all
            </label>
            {selectedRows.length > 0 && (
              <Button
                variant="primary"
                size="small"
                onClick={() => {
                  bulk.reset();
                  setBulkOpen(true);
                }}
              >
                Withdraw selected ({selectedRows.length})
              </Button>
            )}
          </div>
          <WithdrawOlder selectId={withdrawOlderId} />
        </div>
      )}

      {sent.isPending ? (
        <Loading label="Loading sent invitations…" />
      ) : sent.isError ? (
        <ErrorMessage error={sent.error} onRetry={() => void sent.refetch()} />
      ) : (
        <>
          <p className={items.length === 0 ? 'visually-hidden' : 'list-summary'} aria-live="polite">
            {items.length === 0
              ? null
              : filtered
                ? `${count(total, 'invitation')} found`
                : `${count(total, 'pending invitation')}`}
          </p>
          {items.length === 0 ? (
            <EmptyState title="No pending invitations">
              <p>
                {filtered
                  ? 'Nothing matches this search. Try another name or age.'
                  : 'Invitations you send appear here until they are answered.'}
              </p>
            </EmptyState>
          ) : (
            <ul
              ref={list}
              className="invitations"
              aria-label="Sent invitations"
              aria-busy={sent.isFetching || undefined}
            >
              {items.map((invitation, index) => (
                <SentRow
                  key={invitation.id}
                  invitation={invitation}
                  selected={selected.has(invitation.id)}
                  onSelect={(on) => toggle(invitation.id, on)}
                  onWithdraw={() => {
                    targetIndex.current = index;
                    setTarget({ id: invitation.id, name: invitation.recipient.name });
                  }}
                />
              ))}
            </ul>
          )}
          {sent.hasNextPage && (
            <div className="show-more">
              <Button onClick={() => void sent.fetchNextPage()} pending={sent.isFetchingNextPage}>
                Show more
              </Button>
            </div>
          )}
        </>
      )}

      <WithdrawDialog
        target={target}
        onClose={() => setTarget(null)}
        onWithdrawn={(id) => toggle(id, false)}
        fallbackFocus={focusAfterRemoval}
      />
      <BulkWithdrawDialog
        total={bulkOpen ? selectedRows.length : null}
        description={
          <p>Your invitations to {names(selectedRows.map((row) => row.recipient.name))} will be withdrawn.</p>
        }
        onConfirm={confirmBulk}
        onClose={() => setBulkOpen(false)}
        pending={bulk.isPending}
        error={bulk.error}
      />
    </div>
  );
}
