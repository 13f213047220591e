import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data, type ApiResponse } from '../../../lib/api';

export type Report = ApiResponse<'/api/v1/admin/reports'>['items'][number];
export type ModeratedMember = ApiResponse<'/api/v1/admin/members/{id}'>;
type AuditPage = Extract<ApiResponse<'/api/v1/admin/audit'>, { items: unknown }>;
export type AuditEntry = AuditPage['items'][number];

const keys = {
  all: ['admin'] as const,
  reports: (status: 'open' | 'resolved') => ['admin', 'reports', status] as const,
  member: (id: string) => ['admin', 'member', id] as const,
  find: (query: string) => ['admin', 'find', query] as const,
  audit: ['admin', 'audit'] as const,
};

/** The queue; a 404 here means the visitor is no moderator, and the console does not exist. */
export function useReports(status: 'open' | 'resolved') {
  return useQuery({
    queryKey: keys.reports(status),
    queryFn: ({ signal }) =>
      data(api.GET('/api/v1/admin/reports', { params: { query: { status, limit: 100 } }, signal })),
    retry: false,
  });
}

export function useModeratedMember(id: string) {
  return useQuery({
    queryKey: keys.member(id),
    queryFn: ({ signal }) =>
      data(api.GET('/api/v1/admin/members/{id}', { params: { path: { id } }, signal })),
    retry: false,
  });
}

export function useFindMembers(query: string) {
  return useQuery({
    queryKey: keys.find(query),
    enabled: query.trim().length > 0,
    queryFn: ({ signal }) => data(api.GET('/api/v1/admin/members', { params: { query: { query } }, signal })),
  });
}

export function useAuditLog() {
  return useQuery({
    queryKey: keys.audit,
    // format=json (the default) answers the JSON page; the CSV is a download link.
    queryFn: async ({ signal }) =>
      (await data(
        api.GET('/api/v1/admin/audit', { params: { query: { limit: 100 } }, signal }),
      )) as AuditPage,
  });
}

export type ModeratorAction =
  | { kind: 'resolve'; reportId: string; action: 'dismiss' | 'restrict' | 'suspend'; note: string }
  | { kind: 'suspend' | 'unsuspend'; memberId: string; reason: string }
  | { kind: 'restrict'; memberId: string; days: number; reason: string }
  | {
      kind: 'limits';
      memberId: string;
      reason: string;
      invitesPerDay: number | null;
      invitesPerWeek: number | null;
      maxPendingSent: number | null;
    };

/** Every moderator action, each with its reason; the console refreshes what it shows after. */
export function useModerate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (action: ModeratorAction) => {
      switch (action.kind) {
        case 'resolve':
          return data(
            api.POST('/api/v1/admin/reports/{id}/resolve', {
              params: { path: { id: action.reportId } },
              body: { action: action.action, ...(action.note.trim() ? { note: action.note } : {}) },
            }),
          );
        case 'suspend':
          return data(
            api.POST('/api/v1/admin/members/{id}/suspend', {
              params: { path: { id: action.memberId } },
              body: { reason: action.reason },
            }),
          );
        case 'unsuspend':
          return data(
            api.POST('/api/v1/admin/members/{id}/unsuspend', {
              params: { path: { id: action.memberId } },
              body: { reason: action.reason },
            }),
          );
        case 'restrict':
          return data(
            api.POST('/api/v1/admin/members/{id}/restrict', {
              params: { path: { id: action.memberId } },
              body: { days: action.days, reason: action.reason },
            }),
          );
        case 'limits':
          return data(
            api.PUT('/api/v1/admin/members/{id}/limits', {
              params: { path: { id: action.memberId } },
              body: {
                invitesPerDay: action.invitesPerDay,
                invitesPerWeek: action.invitesPerWeek,
                maxPendingSent: action.maxPendingSent,
                reason: action.reason,
              },
            }),
          );
      }
    },
    // Not awaited: the caller's own onSuccess (its announcement) runs before a resolved report's
    // card leaves the refreshed queue and takes the callback with it.
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.all });
    },
  });
}
