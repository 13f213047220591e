import { NavLink } from 'react-router-dom';
import { BellIcon } from '../../../components/icons';
import { count } from '../../../lib/plural';
import { useUnreadCount } from '../api/getNotifications';

/** "Notifications" in the top bar; the unread count is its description, not part of its name. */
export function NotificationsLink() {
  const unread = useUnreadCount().data ?? 0;
  return (
    <NavLink
      to="/notifications"
      className="topbar__item"
      aria-describedby={unread > 0 ? 'notifications-badge' : undefined}
    >
      <span className="topbar__icon">
        <BellIcon />
        {unread > 0 && (
          <span className="badge" id="notifications-badge">
            <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
            <span className="visually-hidden">{count(unread, 'unread notification')}</span>
          </span>
        )}
      </span>
      <span className="topbar__label">Notifications</span>
    </NavLink>
  );
}
