import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

/**
 * What "not here" looks like everywhere: an unknown route, a profile that is gone or blocked,
 * a moderators' page for everyone else. One look, so none of them tells more than the others.
 */
export function NotFound({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section className="card card--padded not-found" aria-labelledby="not-found-title">
      <h1 className="page-title" id="not-found-title">
        {title}
      </h1>
      <p className="not-found__body">
        {children ?? 'The link may be broken, or what it pointed to has been removed.'} Go back{' '}
        <Link to="/">home</Link> or to <Link to="/mynetwork">My Network</Link>.
      </p>
    </section>
  );
}
