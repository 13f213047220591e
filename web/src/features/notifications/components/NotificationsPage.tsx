import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Age } from '../../../components/Age';
import { Avatar } from '../../../components/Avatar';
import { Button } from '../../../components/Button';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { BellIcon } from '../../../components/icons';
import { Loading } from '../../../components/Spinner';
import { allItems } from '../../../lib/pages';
import { count } from '../../../lib/plural';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useNotifications, type Notification } from '../api/getNotifications';
import { useMarkRead } from '../api/markNotificationsRead';
import { useAnnounce } from '../../../components/Toaster';
import type { Member } from '../../../lib/api';
import './notifications.css';

function describe(notification: Notification): { text: ReactNode; to: string } {
  const name = notification.actor?.name ?? 'Someone';
  switch (notification.type) {
    case 'invitation_received':
      return {
        text: (
          <>
            <strong>{name}</strong> invited you to connect.
          </>
        ),
        to: '/mynetwork/invitation-manager/received',
      };
    case 'invitation_accepted':
      return {
        text: (
          <>
            <strong>{name}</strong> accepted your invitation. You’re now connected.
          </>
        ),
        to: notification.actor ? `/in/${notification.actor.id}` : '/mynetwork/connections',
      };
    case 'stale_invitations_reminder': {
      const n = notification.count ?? 0;
      return {
        text: (
          <>
            {n > 0
              ? `${count(n, 'invitation')} you sent ${n === 1 ? 'has' : 'have'}`
              : 'Some invitations you sent have'}{' '}
            been waiting for over a month. Review them and withdraw the ones that no longer fit.
          </>
        ),
        to: '/mynetwork/invitation-manager/sent?olderThan=30',
      };
    }
    default:
      return { text: 'You have a new notification.', to: '/' };
  }
}

export interface InvitationSlot {
  invitationId: string;
  sender: Member;
  /** The buttons name the notification they answer. */
  describedBy: string;
  onDone: (message: string) => void;
}

interface NotificationsPageProps {
  /** Accept / Ignore on "X invited you to connect", composed by the app (they belong to invitations). */
  renderInvitationActions?: (slot: InvitationSlot) => ReactNode;
}

export function NotificationsPage({ renderInvitationActions }: NotificationsPageProps) {
  useDocumentTitle('Notifications');
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const announce = useAnnounce();
  const items = allItems(notifications.data);
  const unread = notifications.data?.pages[0]?.unreadCount ?? 0;
  const asked = useRef(new Set<string>());
  const list = useRef<HTMLUListElement>(null);
  const { mutate } = markRead;

  // What the page has shown is read, and only that: one arriving later stays unread until it
  // is shown too. Rows keep their "new" look until the next visit.
  useEffect(() => {
    const shown = allItems(notifications.data)
      .filter((n) => !n.read && !asked.current.has(n.id))
      .map((n) => n.id);
    if (shown.length === 0) return;
    for (const id of shown) asked.current.add(id);
    mutate(shown);
  }, [notifications.data, mutate]);

  // An answered invitation's notification leaves the list: focus goes to the next one's link.
  const answered = (id: string, message: string) => {
    const rows = Array.from(list.current?.querySelectorAll<HTMLElement>('[data-notification]') ?? []);
    const index = rows.findIndex((row) => row.dataset.notification === id);
    const next = rows[index + 1] ?? rows[index - 1];
    announce(message);
    requestAnimationFrame(() =>
      (next?.querySelector<HTMLElement>('a') ?? document.getElementById('notifications-title'))?.focus(),
    );
  };
  const anyNew = unread > 0 || items.some((n) => !n.read);

  return (
    <section className="card" aria-labelledby="notifications-title">
      <header className="card__header">
        <h1 className="page-title" id="notifications-title" tabIndex={-1}>
          Notifications
        </h1>
        {anyNew && (
          <Button
            size="small"
            pending={markRead.isPending && markRead.variables === 'all'}
            onClick={() => mutate('all')}
          >
            Mark all as read
          </Button>
        )}
      </header>
      {notifications.isPending ? (
        <Loading label="Loading notifications…" />
      ) : notifications.isError ? (
        <ErrorMessage error={notifications.error} onRetry={() => void notifications.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="No notifications yet">
          <p>You’ll hear here when someone invites you or accepts your invitation.</p>
        </EmptyState>
      ) : (
        <ul className="notifications" aria-label="Notifications" ref={list}>
          {items.map((notification) => {
            const { text, to } = describe(notification);
            const linkId = `notification-${notification.id}`;
            const actions =
              notification.type === 'invitation_received' && notification.invitationId && notification.actor
                ? renderInvitationActions?.({
                    invitationId: notification.invitationId,
                    sender: notification.actor,
                    describedBy: linkId,
                    onDone: (message) => answered(notification.id, message),
                  })
                : null;
            return (
              <li
                key={notification.id}
                data-notification={notification.id}
                className={`notification ${notification.read ? '' : 'notification--unread'}`}
              >
                {notification.actor ? (
                  <Avatar id={notification.actor.id} name={notification.actor.name} />
                ) : (
                  <span className="notification__icon" aria-hidden="true">
                    <BellIcon />
                  </span>
                )}
                <div className="notification__body">
                  <Link to={to} className="notification__link" id={linkId}>
                    {!notification.read && <span className="visually-hidden">New: </span>}
                    {text}
                  </Link>
                  <Age verb="" iso={notification.createdAt} />
                  {actions}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {notifications.hasNextPage && (
        <div className="card__footer">
          <Button
            onClick={() => void notifications.fetchNextPage()}
            pending={notifications.isFetchingNextPage}
          >
            Show more
          </Button>
        </div>
      )}
    </section>
  );
}
