import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { Loading } from '../components/Spinner';
import { Toaster } from '../components/Toaster';
import { AccountPage } from '../features/account/components/AccountPage';
import { AdminMemberPage } from '../features/admin/components/AdminMemberPage';
import { AdminPage } from '../features/admin/components/AdminPage';
import { useMe } from '../features/auth/api/getMe';
import { LoginPage } from '../features/auth/components/LoginPage';
import { SignupPage } from '../features/auth/components/SignupPage';
import { MyNetworkPage } from '../features/network/components/MyNetworkPage';
import { ConnectionsPage } from '../features/network/components/ConnectionsPage';
import { MutualConnectionsPage } from '../features/profile/components/MutualConnectionsPage';
import { SearchPage } from '../features/search/components/SearchPage';
import { EmailSettingsPage } from '../features/settings/components/EmailSettingsPage';
import { SettingsPage } from '../features/settings/components/SettingsPage';
import { ApiError, setUnauthorizedHandler } from '../lib/api';
import { queryKeys } from '../lib/queryKeys';
import { AppLayout } from './AppLayout';
import { HomePage } from './pages/HomePage';
import { InvitationManagerRoute } from './pages/InvitationManagerRoute';
import { NetworkSection } from './pages/NetworkSection';
import { NotFoundPage } from './pages/NotFoundPage';
import { NotificationsRoute } from './pages/NotificationsRoute';
import { ProfileRoute } from './pages/ProfileRoute';
import { SettingsSection } from './pages/SettingsSection';
import { Suggestions } from './pages/Suggestions';

// The chart library is large: load it only with the insights page.
const InsightsPage = lazy(() =>
  import('../features/insights/components/InsightsPage').then((module) => ({ default: module.InsightsPage })),
);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      refetchOnWindowFocus: true,
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
    },
  },
});

/** Signed-in visitors skip the sign-in forms. */
function SignedOutOnly({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.isSuccess) return <Navigate to="/" replace />;
  return <>{children}</>;
}

const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <SignedOutOnly>
        <LoginPage />
      </SignedOutOnly>
    ),
  },
  {
    path: '/signup',
    element: (
      <SignedOutOnly>
        <SignupPage />
      </SignedOutOnly>
    ),
  },
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'in/:memberId', element: <ProfileRoute /> },
      { path: 'in/:memberId/mutual', element: <MutualConnectionsPage /> },
      { path: 'mynetwork', element: <MyNetworkPage suggestions={<Suggestions limit={6} />} /> },
      { path: 'mynetwork/invitation-manager', element: <Navigate to="received" replace /> },
      {
        path: 'mynetwork/invitation-manager/:tab',
        element: (
          <NetworkSection>
            <InvitationManagerRoute />
          </NetworkSection>
        ),
      },
      {
        path: 'mynetwork/connections',
        element: (
          <NetworkSection>
            <ConnectionsPage />
          </NetworkSection>
        ),
      },
      {
        path: 'mynetwork/insights',
        element: (
          <NetworkSection>
            <Suspense fallback={<Loading />}>
              <InsightsPage />
            </Suspense>
          </NetworkSection>
        ),
      },
      {
        path: 'settings',
        element: (
          <SettingsSection>
            <SettingsPage />
          </SettingsSection>
        ),
      },
      {
        path: 'settings/email',
        element: (
          <SettingsSection>
            <EmailSettingsPage />
          </SettingsSection>
        ),
      },
      {
        path: 'settings/account',
        element: (
          <SettingsSection>
            <AccountPage />
          </SettingsSection>
        ),
      },
      { path: 'notifications', element: <NotificationsRoute /> },
      { path: 'search', element: <SearchPage /> },
      // M4: moderators only; everyone else gets the same page as for any path that does not exist.
      { path: 'admin', element: <AdminPage notFound={<NotFoundPage />} /> },
      { path: 'admin/members/:memberId', element: <AdminMemberPage notFound={<NotFoundPage />} /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

// A 401 from any call: the session is gone (signed out elsewhere, expired). Forget what this
// browser showed and ask to sign in again, coming back here afterwards.
setUnauthorizedHandler((path) => {
  const { pathname, search } = window.location;
  if (pathname === '/login' || pathname === '/signup') return;
  if (path === '/api/v1/me') {
    // Keep the answer to "who am I?", which now says "no one": the sign-in page reads it
    // instead of asking again for the same 401.
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
  } else {
    queryClient.clear();
  }
  void router.navigate('/login', { replace: true, state: { from: pathname + search } });
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Toaster>
        <RouterProvider router={router} />
      </Toaster>
    </QueryClientProvider>
  );
}
