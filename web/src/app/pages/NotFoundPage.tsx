import { Link } from 'react-router-dom';
import { useDocumentTitle } from '../../lib/useDocumentTitle';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <section className="card card--padded">
      <h1 className="page-title">This page doesn’t exist</h1>
      <p>
        The link may be broken. Go back <Link to="/">home</Link> or to <Link to="/mynetwork">My Network</Link>
        .
      </p>
    </section>
  );
}
