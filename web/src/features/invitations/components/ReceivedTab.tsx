import { useRef, useState } from 'react';
import { Button } from '../../../components/Button';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { ReportDialog } from '../../../components/ReportDialog';
import { Loading } from '../../../components/Spinner';
import { useAnnounce } from '../../../components/Toaster';
import { allItems } from '../../../lib/pages';
import { count } from '../../../lib/plural';
import { useAcceptInvitation } from '../api/acceptInvitation';
import { useDontKnow } from '../api/dontKnow';
import { useReceivedInvitations } from '../api/getReceivedInvitations';
import { refreshAfterInvitationChange } from '../api/refresh';
import { removeFromPages } from '../../../lib/pages';
import { queryKeys } from '../../../lib/queryKeys';
import { useQueryClient } from '@tanstack/react-query';
import { useIgnoreInvitation } from '../api/ignoreInvitation';
import { useRespondToInvitations, type Response } from '../api/respondToInvitations';
import type { ReceivedInvitation } from '../api/types';
import { ReceivedRow } from './ReceivedRow';
import { useSelection } from './useSelection';

/**
 * Invitations waiting for my answer. New ones arrive and withdrawn ones vanish live: the
 * notification stream refreshes or trims this list (app/LiveUpdates.tsx).
 */
export function ReceivedTab() {
  const received = useReceivedInvitations();
  const items = allItems(received.data);
  const total = received.data?.pages[0]?.total ?? 0;
  const { selected, toggle, selectOnly } = useSelection();
  const selectedIds = items.filter((item) => selected.has(item.id)).map((item) => item.id);
  const [rowErrors, setRowErrors] = useState<Record<string, unknown>>({});
  const accept = useAcceptInvitation();
  const ignore = useIgnoreInvitation();
  const bulk = useRespondToInvitations();
  const dontKnow = useDontKnow();
  const [reporting, setReporting] = useState<{ invitation: ReceivedInvitation; index: number } | null>(null);
  const client = useQueryClient();
  const announce = useAnnounce();
  const list = useRef<HTMLUListElement>(null);

  /** The row whose button had focus is gone: keep keyboard users in the list, on the next row. */
  const keepFocusNear = (index: number) =>
    requestAnimationFrame(() => {
      if (document.activeElement && document.activeElement !== document.body) return;
      const rows = list.current?.querySelectorAll<HTMLElement>('li');
      const row = rows?.[Math.min(index, rows.length - 1)];
      (row?.querySelector<HTMLElement>('a') ?? document.getElementById('main'))?.focus();
    });

  const setRowError = (id: string, error: unknown) => setRowErrors((errors) => ({ ...errors, [id]: error }));

  const acceptOne = (invitation: ReceivedInvitation, index: number) => {
    setRowError(invitation.id, null);
    accept.mutate(invitation.id, {
      onSuccess: () => {
        announce(`Invitation accepted. You and ${invitation.sender.name} are now connected.`);
        keepFocusNear(index);
      },
      onError: (error) => setRowError(invitation.id, error),
    });
  };
  const ignoreOne = (invitation: ReceivedInvitation, index: number) => {
    setRowError(invitation.id, null);
    ignore.mutate(invitation.id, {
      onSuccess: () => {
        announce('Invitation ignored');
        keepFocusNear(index);
      },
      onError: (error) => setRowError(invitation.id, error),
    });
  };
  const dontKnowOne = (invitation: ReceivedInvitation, index: number) => {
    setRowError(invitation.id, null);
    dontKnow.mutate(invitation.id, {
      onSuccess: () => {
        announce(`Invitation ignored. ${invitation.sender.name} now needs your email address to invite you.`);
        keepFocusNear(index);
      },
      onError: (error) => setRowError(invitation.id, error),
    });
  };
  const respondToSelected = (response: Response) =>
    bulk.mutate(
      { response, ids: selectedIds },
      {
        onSuccess: (result) => {
          selectOnly([]);
          const verb = response === 'accept' ? 'accepted' : 'ignored';
          const note =
            response === 'dont-know' && result.done.length > 0
              ? '. From now on they need your email address to invite you'
              : '';
          const skipped =
            result.skipped.length > 0
              ? `. ${count(result.skipped.length, 'was', 'were')} no longer pending`
              : '';
          announce(`${count(result.done.length, 'invitation')} ${verb}${skipped}${note}`);
        },
      },
    );

  const pendingFor = (id: string): 'accept' | 'ignore' | 'dont-know' | null =>
    accept.isPending && accept.variables === id
      ? 'accept'
      : ignore.isPending && ignore.variables === id
        ? 'ignore'
        : dontKnow.isPending && dontKnow.variables === id
          ? 'dont-know'
          : null;
  const bulkPending = (response: Response) => bulk.isPending && bulk.variables?.response === response;

  return (
    <div className="received-tab">
      {(received.isPending || items.length > 0) && (
        <div className="bulkbar">
          <div className="bulkbar__selection">
            <label className="checkbox-label">
              <input
                type="checkbox"
                checked={items.length > 0 && selectedIds.length === items.length}
                disabled={items.length === 0}
                onChange={(event) => selectOnly(event.target.checked ? items.map((i) => i.id) : [])}
              />
              Select all
            </label>
            {selectedIds.length > 0 && (
              <>
                <Button
                  size="small"
                  variant="quiet"
                  onClick={() => respondToSelected('dont-know')}
                  pending={bulkPending('dont-know')}
                  disabled={bulk.isPending && !bulkPending('dont-know')}
                >
                  I don’t know selected ({selectedIds.length})
                </Button>
                <Button
                  size="small"
                  variant="quiet"
                  onClick={() => respondToSelected('ignore')}
                  pending={bulkPending('ignore')}
                  disabled={bulk.isPending && !bulkPending('ignore')}
                >
                  Ignore selected ({selectedIds.length})
                </Button>
                <Button
                  size="small"
                  variant="primary"
                  onClick={() => respondToSelected('accept')}
                  pending={bulkPending('accept')}
                  disabled={bulk.isPending && !bulkPending('accept')}
                >
                  Accept selected ({selectedIds.length})
                </Button>
              </>
            )}
          </div>
        </div>
      )}
      {bulk.isError && <ErrorMessage error={bulk.error} />}

      {received.isPending ? (
        <Loading label="Loading received invitations…" />
      ) : received.isError ? (
        <ErrorMessage error={received.error} onRetry={() => void received.refetch()} />
      ) : (
        <>
          {items.length > 0 && <p className="list-summary">{count(total, 'pending invitation')}</p>}
          {items.length === 0 ? (
            <EmptyState title="No pending invitations">
              <p>When someone invites you to connect, you’ll see it here.</p>
            </EmptyState>
          ) : (
            <ul ref={list} className="invitations" aria-label="Received invitations">
              {items.map((invitation, index) => (
                <ReceivedRow
                  key={invitation.id}
                  invitation={invitation}
                  selected={selected.has(invitation.id)}
                  onSelect={(on) => toggle(invitation.id, on)}
                  onAccept={() => acceptOne(invitation, index)}
                  onIgnore={() => ignoreOne(invitation, index)}
                  onDontKnow={() => dontKnowOne(invitation, index)}
                  onReport={() => setReporting({ invitation, index })}
                  pending={pendingFor(invitation.id)}
                  error={rowErrors[invitation.id]}
                />
              ))}
            </ul>
          )}
          <ReportDialog
            name={reporting?.invitation.sender.name ?? ''}
            target={reporting ? { invitationId: reporting.invitation.id } : null}
            onClose={() => setReporting(null)}
            onReported={() => {
              if (!reporting) return;
              // Reporting an invitation also ignores it: it leaves the list.
              removeFromPages(client, queryKeys.receivedInvitations, new Set([reporting.invitation.id]));
              void refreshAfterInvitationChange(client);
              announce('Report sent to the moderators. The invitation is ignored.');
              keepFocusNear(reporting.index);
              setReporting(null);
            }}
          />
          {received.hasNextPage && (
            <div className="show-more">
              <Button onClick={() => void received.fetchNextPage()} pending={received.isFetchingNextPage}>
                Show more
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
