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
import { useMarkAllRead } from '../api/markNotificationsRead';
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

export function NotificationsPage() {
  useDocumentTitle('Notifications');
  const notifications = useNotifications();
  const markAllRead = useMarkAllRead();
  const items = allItems(notifications.data);
  const unread = notifications.data?.pages[0]?.unreadCount ?? 0;
  const marked = useRef(false);
  const { mutate } = markAllRead;

  // Opening the page reads them; rows keep their "new" look until the next visit.
  useEffect(() => {
    if (unread > 0 && !marked.current) {
      marked.current = true;
      mutate();
    }
  }, [unread, mutate]);

  return (
    <section className="card" aria-labelledby="notifications-title">
      <header className="card__header">
        <h1 className="page-title" id="notifications-title">
          Notifications
        </h1>
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
        <ul className="notifications" aria-label="Notifications">
          {items.map((notification) => {
            const { text, to } = describe(notification);
            return (
              <li
                key={notification.id}
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
                  <Link to={to} className="notification__link">
                    {!notification.read && <span className="visually-hidden">New: </span>}
                    {text}
                  </Link>
                  <Age verb="" iso={notification.createdAt} />
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
