/**
 * Query keys shared across features, so that an action in one feature can refresh what another
 * shows (a withdrawal updates the My Network badge and the profile) without importing it.
 */
export const queryKeys = {
  me: ['me'] as const,
  member: (id: string) => ['members', 'profile', id] as const,
  members: ['members'] as const,
  memberSearch: (query: string) => ['members', 'search', query] as const,
  memberSearchAll: ['members', 'search'] as const,
  memberSearchPage: (query: string) => ['members', 'search-page', query] as const,
  /** Under `members`, so every change that refreshes profiles refreshes these too. */
  mutualConnections: (id: string) => ['members', 'mutual', id] as const,
  suggestions: ['members', 'suggestions'] as const,
  networkSummary: ['network', 'summary'] as const,
  connections: ['connections'] as const,
  invitations: ['invitations'] as const,
  sentInvitations: (filters: { query: string; olderThanDays: number | null }) =>
    ['invitations', 'sent', filters] as const,
  sentInvitationsAll: ['invitations', 'sent'] as const,
  receivedInvitations: ['invitations', 'received'] as const,
  quota: ['invitations', 'quota'] as const,
  insights: ['invitations', 'insights'] as const,
  notifications: ['notifications'] as const,
  settings: ['settings'] as const,
  blocks: ['blocks'] as const,
};
