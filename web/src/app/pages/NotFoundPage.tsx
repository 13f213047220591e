import { NotFound } from '../../components/NotFound';
import { useDocumentTitle } from '../../lib/useDocumentTitle';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return <NotFound title="This page doesn’t exist">The link may be broken.</NotFound>;
}
