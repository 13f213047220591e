import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Button } from '../../../components/Button';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { CheckIcon, ClockIcon, PlusIcon } from '../../../components/icons';
import { useAnnounce } from '../../../components/Toaster';
import type { Member } from '../../../lib/api';
import { useAcceptInvitation } from '../api/acceptInvitation';
import { useIgnoreInvitation } from '../api/ignoreInvitation';
import { setRelationship, type Relationship } from '../api/relationship';
import { ConnectDialog } from './ConnectDialog';
import { WithdrawDialog } from './WithdrawDialog';
import './invitations.css';

interface InvitationActionsProps {
  member: Member;
  relationship: Relationship;
  invitationId: string | null;
  /** Connect needs this member's email (the profile's `invitationRequiresEmail`). */
  invitationRequiresEmail?: boolean;
}

/** A profile's one primary action, by relationship: Connect, Pending, Accept / Ignore, Connected. */
export function InvitationActions({
  member,
  relationship,
  invitationId,
  invitationRequiresEmail = false,
}: InvitationActionsProps) {
  const client = useQueryClient();
  const announce = useAnnounce();
  const [connecting, setConnecting] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const accept = useAcceptInvitation();
  const ignore = useIgnoreInvitation();
  const box = useRef<HTMLDivElement>(null);
  const firstButton = () => box.current?.querySelector<HTMLElement>('button') ?? null;
  const refocus = () => requestAnimationFrame(() => firstButton()?.focus());

  if (relationship === 'self') return null;

  return (
    <div className="profile-actions" ref={box}>
      {relationship === 'none' && (
        <Button variant="primary" onClick={() => setConnecting(true)}>
          <PlusIcon /> Connect
        </Button>
      )}
      {relationship === 'invitation_sent' && (
        <>
          <Button onClick={() => setWithdrawing(true)} aria-describedby="pending-hint">
            <ClockIcon /> Pending
          </Button>
          <span className="visually-hidden" id="pending-hint">
            Invitation sent. Choose to withdraw it.
          </span>
        </>
      )}
      {relationship === 'invitation_received' && invitationId && (
        <>
          <Button
            variant="primary"
            pending={accept.isPending}
            disabled={ignore.isPending}
            onClick={() =>
              accept.mutate(invitationId, {
                onSuccess: () => {
                  setRelationship(client, member.id, 'connected', null);
                  announce(`Invitation accepted. You and ${member.name} are now connected.`);
                  refocus();
                },
              })
            }
          >
            Accept
          </Button>
          <Button
            variant="quiet"
            pending={ignore.isPending}
            disabled={accept.isPending}
            onClick={() =>
              ignore.mutate(invitationId, {
                onSuccess: () => {
                  setRelationship(client, member.id, 'none', null);
                  announce('Invitation ignored');
                  refocus();
                },
              })
            }
          >
            Ignore
          </Button>
        </>
      )}
      {relationship === 'connected' && (
        <span className="pill pill--connected">
          <CheckIcon /> Connected
        </span>
      )}
      {accept.isError && <ErrorMessage error={accept.error} />}
      {ignore.isError && <ErrorMessage error={ignore.error} />}

      <ConnectDialog
        member={member}
        open={connecting}
        emailRequired={invitationRequiresEmail}
        onClose={() => setConnecting(false)}
        fallbackFocus={firstButton}
        onSent={(result) => {
          if ('connection' in result) {
            setRelationship(client, member.id, 'connected', null);
            announce(`${member.name} had already invited you, so you are now connected.`);
          } else {
            setRelationship(client, member.id, 'invitation_sent', result.invitation.id);
            announce('Invitation sent');
          }
          setConnecting(false);
        }}
      />
      <WithdrawDialog
        target={withdrawing && invitationId ? { id: invitationId, name: member.name } : null}
        onClose={() => setWithdrawing(false)}
        onWithdrawn={() => setRelationship(client, member.id, 'none', null)}
        fallbackFocus={firstButton}
      />
    </div>
  );
}
