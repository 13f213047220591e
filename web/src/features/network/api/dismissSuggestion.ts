import { useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';
import { dropSuggestion } from './dropSuggestion';

/** "Not interested": the member is not suggested again (remembered by the server). */
export function useDismissSuggestion() {
  const client = useQueryClient();
  return useSingleFlightMutation(
    {
      mutationFn: (memberId: string) =>
        data(api.POST('/api/v1/network/suggestions/{memberId}/dismiss', { params: { path: { memberId } } })),
      onSuccess: (_data, memberId) => {
        dropSuggestion(client, memberId);
        void client.invalidateQueries({ queryKey: queryKeys.suggestions });
      },
    },
    (memberId) => memberId,
  );
}
