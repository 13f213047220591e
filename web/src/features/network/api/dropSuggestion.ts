import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/queryKeys';
import type { Suggestion } from './getSuggestions';

/** Takes a member out of every cached suggestion list at once, before the refetch that follows. */
export function dropSuggestion(client: QueryClient, memberId: string): void {
  client.setQueriesData<{ items: Suggestion[] }>({ queryKey: queryKeys.suggestions }, (list) =>
    list ? { ...list, items: list.items.filter((s) => s.member.id !== memberId) } : list,
  );
}
