import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Loading } from '../../../components/Spinner';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { ApiError } from '../../../lib/api';
import { useMe } from '../api/getMe';

/** Signed-in pages only: a visitor without a session goes to /login and comes back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
    }
    return <ErrorMessage error={me.error} onRetry={() => void me.refetch()} />;
  }
  return <>{children}</>;
}
