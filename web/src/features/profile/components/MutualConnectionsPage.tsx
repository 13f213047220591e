import { Link, useParams } from 'react-router-dom';
import { Button } from '../../../components/Button';
import { EmptyState } from '../../../components/EmptyState';
import { MemberRow } from '../../../components/MemberRow';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Spinner';
import { ApiError } from '../../../lib/api';
import { allItems } from '../../../lib/pages';
import { count } from '../../../lib/plural';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useMemberProfile } from '../api/getMember';
import { useMutualConnections } from '../api/getMutualConnections';
import { ProfileUnavailable } from './ProfileUnavailable';

/** /in/:memberId/mutual: the connections I share with a member, where "12 mutual connections" leads. */
export function MutualConnectionsPage() {
  const { memberId = '' } = useParams();
  const profile = useMemberProfile(memberId);
  const mutual = useMutualConnections(memberId);
  const name = profile.data?.member.name;
  useDocumentTitle(name ? `Mutual connections with ${name}` : 'Mutual connections');
  const items = allItems(mutual.data);
  const total = mutual.data?.pages[0]?.total;

  const failure = profile.error ?? mutual.error;
  if (failure instanceof ApiError && failure.status === 404) return <ProfileUnavailable />;

  return (
    <section className="card" aria-labelledby="mutual-title">
      <header className="card__header">
        <h1 className="page-title" id="mutual-title">
          Mutual connections{name ? ` with ${name}` : ''}
        </h1>
        {total !== undefined && (
          <p className="muted">
            {count(total, 'connection')} you and{' '}
            {name ? <Link to={`/in/${memberId}`}>{name}</Link> : 'this member'} share
          </p>
        )}
      </header>
      {mutual.isPending ? (
        <Loading />
      ) : mutual.isError ? (
        <ErrorMessage error={mutual.error} onRetry={() => void mutual.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="No mutual connections">
          <p>You and {name ?? 'this member'} don’t share any connections yet.</p>
        </EmptyState>
      ) : (
        <ul className="rows" aria-label="Mutual connections">
          {items.map((member) => (
            <MemberRow key={member.id} member={member} />
          ))}
        </ul>
      )}
      {mutual.hasNextPage && (
        <div className="card__footer">
          <Button onClick={() => void mutual.fetchNextPage()} pending={mutual.isFetchingNextPage}>
            Show more
          </Button>
        </div>
      )}
    </section>
  );
}
