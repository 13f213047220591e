import { NavLink } from 'react-router-dom';
import { BellIcon } from '../../../components/icons';
import { useUnreadCount } from '../api/getNotifications';

/**
 * "Notifications" in the top bar. Its accessible name starts with the visible label and ends
 * with the count ("Notifications, 3 unread"), as WCAG 2.5.3 asks, so a person who says or
 * types the label finds it.
 */
export function NotificationsLink() {
  const unread = useUnreadCount().data ?? 0;
  return (
    <NavLink
      to="/notifications"
      className="topbar__item"
      aria-label={unread > 0 ? `Notifications, ${unread.toLocaleString()} unread` : 'Notifications'}
    >
      <span className="topbar__icon">
        <BellIcon />
        {unread > 0 && (
          <span className="badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </span>
      <span className="topbar__label">Notifications</span>
    </NavLink>
  );
}
