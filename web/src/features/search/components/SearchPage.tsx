import { useSearchParams } from 'react-router-dom';
import { Button } from '../../../components/Button';
import { EmptyState } from '../../../components/EmptyState';
import { MemberRow } from '../../../components/MemberRow';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Spinner';
import { allItems } from '../../../lib/pages';
import { count } from '../../../lib/plural';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useMemberSearchPages } from '../api/searchMembersPage';

/** /search?q=: every member whose name contains the text, paged (Enter in the top bar's box). */
export function SearchPage() {
  const [params] = useSearchParams();
  const query = (params.get('q') ?? '').trim();
  const search = useMemberSearchPages(query);
  const items = allItems(search.data);
  const total = search.data?.pages[0]?.total;
  useDocumentTitle(query ? `“${query}” · Search` : 'Search');

  return (
    <section className="card" aria-labelledby="search-title">
      <header className="card__header">
        <h1 className="page-title" id="search-title">
          {query ? `Search results for “${query}”` : 'Search'}
        </h1>
        {total !== undefined && <p className="muted">{count(total, 'person', 'people')}</p>}
      </header>
      {query === '' ? (
        <EmptyState title="Search for people">
          <p>Type a name in the search box at the top and press Enter.</p>
        </EmptyState>
      ) : search.isPending ? (
        <Loading label="Searching…" />
      ) : search.isError ? (
        <ErrorMessage error={search.error} onRetry={() => void search.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={`No members match “${query}”`}>
          <p>Check the spelling, or try part of the name.</p>
        </EmptyState>
      ) : (
        <ul className="rows" aria-labelledby="search-title">
          {items.map((member) => (
            <MemberRow key={member.id} member={member} />
          ))}
        </ul>
      )}
      {search.hasNextPage && (
        <div className="card__footer">
          <Button onClick={() => void search.fetchNextPage()} pending={search.isFetchingNextPage}>
            Show more
          </Button>
        </div>
      )}
    </section>
  );
}
