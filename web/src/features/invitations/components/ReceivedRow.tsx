import { useId } from 'react';
import { Link } from 'react-router-dom';
import { Age } from '../../../components/Age';
import { Avatar } from '../../../components/Avatar';
import { Button } from '../../../components/Button';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Menu } from '../../../components/Menu';
import { MutualConnections } from '../../../components/MutualConnections';
import type { ReceivedInvitation } from '../api/types';

interface ReceivedRowProps {
  invitation: ReceivedInvitation;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onAccept: () => void;
  onIgnore: () => void;
  /** M1 "I don't know this person" and M2 Report, in the row's More menu. */
  onDontKnow: () => void;
  onReport: () => void;
  pending: 'accept' | 'ignore' | 'dont-know' | null;
  error: unknown;
}

export function ReceivedRow({
  invitation,
  selected,
  onSelect,
  onAccept,
  onIgnore,
  onDontKnow,
  onReport,
  pending,
  error,
}: ReceivedRowProps) {
  const nameId = useId();
  const { sender } = invitation;
  return (
    <li className={`invitation ${selected ? 'invitation--selected' : ''}`}>
      <input
        type="checkbox"
        className="invitation__check"
        aria-label={`Select ${sender.name}`}
        checked={selected}
        onChange={(event) => onSelect(event.target.checked)}
      />
      <Avatar id={sender.id} name={sender.name} />
      <div className="invitation__body">
        <Link to={`/in/${sender.id}`} className="invitation__name" id={nameId}>
          {sender.name}
        </Link>
        {sender.headline && <p className="invitation__headline">{sender.headline}</p>}
        <MutualConnections
          memberId={sender.id}
          total={invitation.mutualConnections}
          preview={invitation.mutualPreview}
        />
        {invitation.message && <p className="invitation__note">{invitation.message}</p>}
        <Age verb="Received" iso={invitation.sentAt} />
        {Boolean(error) && <ErrorMessage error={error} />}
      </div>
      <div className="invitation__actions invitation__actions--received">
        <Menu
          label="More"
          buttonClassName="button button--quiet"
          items={[
            { label: 'I don’t know this person', onSelect: onDontKnow },
            { label: 'Report', danger: true, onSelect: onReport },
          ]}
        />
        <Button
          variant="quiet"
          onClick={onIgnore}
          pending={pending === 'ignore'}
          disabled={pending !== null && pending !== 'ignore'}
          aria-describedby={nameId}
        >
          Ignore
        </Button>
        <Button
          variant="primary"
          onClick={onAccept}
          pending={pending === 'accept'}
          disabled={pending !== null && pending !== 'accept'}
          aria-describedby={nameId}
        >
          Accept
        </Button>
      </div>
    </li>
  );
}
