/** What anyone may see of a member: the fields every list, profile and notification shows. */
export interface MemberSummary {
  id: string;
  name: string;
  headline: string;
}

/** Who may send a member invitations (C3). */
export type WhoCanInvite = 'everyone' | 'email_required';
