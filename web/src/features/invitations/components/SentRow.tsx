import { useId } from 'react';
import { Link } from 'react-router-dom';
import { Age } from '../../../components/Age';
import { Avatar } from '../../../components/Avatar';
import { Button } from '../../../components/Button';
import { MutualConnections } from '../../../components/MutualConnections';
import type { SentInvitation } from '../api/types';

interface SentRowProps {
  invitation: SentInvitation;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onWithdraw: () => void;
}

/** One pending invitation I sent: "Click on the Withdraw button next to their name." */
export function SentRow({ invitation, selected, onSelect, onWithdraw }: SentRowProps) {
  const nameId = useId();
  const { recipient } = invitation;
  return (
    <li className={`invitation ${selected ? 'invitation--selected' : ''}`}>
      <input
        type="checkbox"
        className="invitation__check"
        aria-label={`Select ${recipient.name}`}
        checked={selected}
        onChange={(event) => onSelect(event.target.checked)}
      />
      <Avatar id={recipient.id} name={recipient.name} />
      <div className="invitation__body">
        <Link to={`/in/${recipient.id}`} className="invitation__name" id={nameId}>
          {recipient.name}
        </Link>
        {recipient.headline && <p className="invitation__headline">{recipient.headline}</p>}
        <MutualConnections
          memberId={recipient.id}
          total={invitation.mutualConnections}
          preview={invitation.mutualPreview}
        />
        {invitation.message && <p className="invitation__note">{invitation.message}</p>}
        <Age verb="Sent" iso={invitation.sentAt} />
      </div>
      <div className="invitation__actions">
        <Button onClick={onWithdraw} aria-describedby={nameId} data-withdraw>
          Withdraw
        </Button>
      </div>
    </li>
  );
}
