import { Link, NavLink } from 'react-router-dom';
import { HomeIcon } from '../components/icons';
import { MeMenu } from '../features/auth/components/MeMenu';
import { NetworkLink } from '../features/network/components/NetworkLink';
import { NotificationsLink } from '../features/notifications/components/NotificationsLink';
import { SearchBox } from '../features/search/components/SearchBox';

/** On every signed-in page: search, My Network, Notifications, Me (design/ui.md). */
export function TopBar() {
  return (
    <header className="topbar">
      <div className="topbar__inner">
        <Link to="/" className="brand" aria-label="Rapport home">
          <span className="brand__mark" aria-hidden="true">
            R
          </span>
        </Link>
        <SearchBox />
        <nav className="topbar__nav" aria-label="Main">
          <NavLink to="/" end className="topbar__item topbar__item--home">
            <span className="topbar__icon">
              <HomeIcon />
            </span>
            <span className="topbar__label">Home</span>
          </NavLink>
          <NetworkLink />
          <NotificationsLink />
          <MeMenu />
        </nav>
      </div>
    </header>
  );
}
