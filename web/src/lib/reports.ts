import { useMutation } from '@tanstack/react-query';
import { api, data } from './api';

export type ReportReason = 'spam' | 'harassment' | 'fake' | 'other';

export type ReportTarget = { invitationId: string } | { memberId: string };

/** M2: POST /reports. Only moderators ever see it; reporting an invitation also ignores it. */
export function useFileReport(onFiled?: (target: ReportTarget) => void) {
  return useMutation({
    mutationFn: ({
      target,
      reason,
      comment,
    }: {
      target: ReportTarget;
      reason: ReportReason;
      comment: string;
    }) =>
      data(
        api.POST('/api/v1/reports', {
          body: { ...target, reason, ...(comment.trim() ? { comment: comment.trim() } : {}) },
        }),
      ),
    onSuccess: (_data, { target }) => onFiled?.(target),
  });
}
