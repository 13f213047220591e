import { useId } from 'react';
import { Avatar } from '../../../components/Avatar';
import { Button } from '../../../components/Button';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Spinner';
import { useAnnounce } from '../../../components/Toaster';
import type { Member } from '../../../lib/api';
import { useBlocks } from '../api/getBlocks';
import { useUnblockMember } from '../api/unblockMember';

function BlockedRow({ member }: { member: Member }) {
  const unblock = useUnblockMember();
  const announce = useAnnounce();
  const nameId = useId();
  return (
    <li className="row">
      <Avatar id={member.id} name={member.name} />
      <div className="row__body">
        <p className="row__name" id={nameId}>
          {member.name}
        </p>
        {member.headline && <p className="row__headline">{member.headline}</p>}
        {unblock.isError && <ErrorMessage error={unblock.error} />}
      </div>
      <Button
        aria-describedby={nameId}
        pending={unblock.isPending}
        onClick={() =>
          unblock.mutate(member.id, { onSuccess: () => announce(`${member.name} is unblocked`) })
        }
      >
        Unblock
      </Button>
    </li>
  );
}

export function BlockedMembers() {
  const blocks = useBlocks();
  if (blocks.isPending) return <Loading label="Loading blocked members…" />;
  if (blocks.isError) return <ErrorMessage error={blocks.error} onRetry={() => void blocks.refetch()} />;
  const members = blocks.data.items;
  if (members.length === 0) return <p className="muted">You haven’t blocked anyone.</p>;
  return (
    <ul className="rows" aria-label="Blocked members">
      {members.map((member) => (
        <BlockedRow key={member.id} member={member} />
      ))}
    </ul>
  );
}
