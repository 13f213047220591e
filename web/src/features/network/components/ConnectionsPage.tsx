import { Age } from '../../../components/Age';
import { Button } from '../../../components/Button';
import { EmptyState } from '../../../components/EmptyState';
import { MemberRow } from '../../../components/MemberRow';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Spinner';
import { allItems } from '../../../lib/pages';
import { count } from '../../../lib/plural';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useConnections } from '../api/getConnections';

export function ConnectionsPage() {
  useDocumentTitle('Connections');
  const connections = useConnections();
  const items = allItems(connections.data);
  const total = connections.data?.pages[0]?.total;

  return (
    <section className="card" aria-labelledby="connections-title">
      <header className="card__header">
        <h1 className="page-title" id="connections-title">
          Connections
        </h1>
        {total !== undefined && <p className="muted">{count(total, 'connection')}</p>}
      </header>
      {connections.isPending ? (
        <Loading />
      ) : connections.isError ? (
        <ErrorMessage error={connections.error} onRetry={() => void connections.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="No connections yet">
          <p>Find people you know with the search box at the top, and send them an invitation.</p>
        </EmptyState>
      ) : (
        <ul className="rows" aria-label="Connections">
          {items.map((connection) => (
            <MemberRow key={connection.member.id} member={connection.member}>
              <Age verb="Connected" iso={connection.connectedAt} />
            </MemberRow>
          ))}
        </ul>
      )}
      {connections.hasNextPage && (
        <div className="card__footer">
          <Button onClick={() => void connections.fetchNextPage()} pending={connections.isFetchingNextPage}>
            Show more
          </Button>
        </div>
      )}
    </section>
  );
}
