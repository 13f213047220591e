import { Outlet } from 'react-router-dom';
import { RequireAuth } from '../features/auth/components/RequireAuth';
import { LiveUpdates } from './LiveUpdates';
import { TopBar } from './TopBar';

/** The frame of every signed-in page. */
export function AppLayout() {
  return (
    <RequireAuth>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar />
      <LiveUpdates />
      <main id="main" tabIndex={-1} className="page">
        <Outlet />
      </main>
    </RequireAuth>
  );
}
