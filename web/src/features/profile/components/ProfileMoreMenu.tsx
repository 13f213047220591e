import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Menu, type MenuItem } from '../../../components/Menu';
import { ReportDialog } from '../../../components/ReportDialog';
import { useAnnounce } from '../../../components/Toaster';
import { useBlockMember } from '../api/blockMember';
import type { MemberProfile } from '../api/getMember';
import { useRemoveConnection } from '../api/removeConnection';

interface ProfileMoreMenuProps {
  profile: MemberProfile;
  onBlocked: () => void;
  fallbackFocus: () => HTMLElement | null;
}

/** "More" on another member's profile: Remove connection (when connected), Report and Block. */
export function ProfileMoreMenu({ profile, onBlocked, fallbackFocus }: ProfileMoreMenuProps) {
  const [confirm, setConfirm] = useState<'remove' | 'block' | 'report' | null>(null);
  const remove = useRemoveConnection();
  const block = useBlockMember();
  const announce = useAnnounce();
  const { member } = profile;

  const items: MenuItem[] = [];
  if (profile.relationship === 'connected') {
    items.push({ label: 'Remove connection', onSelect: () => (remove.reset(), setConfirm('remove')) });
  }
  items.push({ label: 'Report', onSelect: () => setConfirm('report') });
  items.push({ label: 'Block', danger: true, onSelect: () => (block.reset(), setConfirm('block')) });

  return (
    <>
      <Menu label="More" items={items} align="start" buttonClassName="button button--neutral" />
      <ReportDialog
        name={member.name}
        target={confirm === 'report' ? { memberId: member.id } : null}
        onClose={() => setConfirm(null)}
        fallbackFocus={fallbackFocus}
        onReported={() => {
          setConfirm(null);
          announce('Report sent to the moderators');
        }}
      />
      <ConfirmDialog
        open={confirm === 'remove'}
        title="Remove connection?"
        confirmLabel="Remove"
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setConfirm(null)}
        fallbackFocus={fallbackFocus}
        onConfirm={() =>
          remove.mutate(member.id, {
            onSuccess: () => {
              setConfirm(null);
              announce(`Connection removed. You and ${member.name} are no longer connected.`);
            },
          })
        }
      >
        <p>
          You and <strong>{member.name}</strong> will no longer be connected. They won’t be notified.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'block'}
        title={`Block ${member.name}?`}
        confirmLabel="Block"
        pending={block.isPending}
        error={block.error}
        onClose={() => setConfirm(null)}
        fallbackFocus={fallbackFocus}
        onConfirm={() =>
          block.mutate(member.id, {
            onSuccess: () => {
              setConfirm(null);
              announce(`${member.name} is blocked`);
              onBlocked();
            },
          })
        }
      >
        <p>
          You won’t see each other’s profiles or be able to invite each other. Any connection or pending
          invitation between you is removed. {member.name} won’t be notified.
        </p>
        <p className="muted">You can unblock them later in Settings.</p>
      </ConfirmDialog>
    </>
  );
}
