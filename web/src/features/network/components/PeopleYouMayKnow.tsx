import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Avatar } from '../../../components/Avatar';
import { Button } from '../../../components/Button';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { PlusIcon } from '../../../components/icons';
import { MutualConnections } from '../../../components/MutualConnections';
import { useAnnounce } from '../../../components/Toaster';
import type { Member } from '../../../lib/api';
import { useDismissSuggestion } from '../api/dismissSuggestion';
import { dropSuggestion } from '../api/dropSuggestion';
import { useSuggestions, type Suggestion } from '../api/getSuggestions';

export interface ConnectDialogSlot {
  member: Member;
  open: boolean;
  onClose: () => void;
  /** The invitation left; `connected` when they had already invited me (I3). */
  onSent: (outcome: 'invited' | 'connected') => void;
  fallbackFocus: () => HTMLElement | null;
}

interface PeopleYouMayKnowProps {
  /** How many cards to show. */
  limit: number;
  /**
   * The profile's Connect dialog, composed by the app (it belongs to invitations). One dialog
   * for the section, outside the cards, so it outlives the card it was opened from.
   */
  renderConnectDialog: (slot: ConnectDialogSlot) => ReactNode;
}

/**
 * P2: members two steps away, with Connect and "Not interested". Hidden when there was never
 * anyone to suggest; once cards were shown, the section says when they have all gone.
 */
export function PeopleYouMayKnow({ limit, renderConnectDialog }: PeopleYouMayKnowProps) {
  const suggestions = useSuggestions(limit);
  const client = useQueryClient();
  const announce = useAnnounce();
  const dismiss = useDismissSuggestion();
  const [connecting, setConnecting] = useState<Member | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const focusTarget = useRef<HTMLElement | null>(null);
  const everShown = useRef(false);
  const titleId = useId();
  const items = suggestions.data?.items ?? [];
  if (items.length > 0) everShown.current = true;

  const fallbackFocus = () =>
    focusTarget.current?.isConnected ? focusTarget.current : document.getElementById(titleId);

  // A card that leaves hands focus to the next card's first button, or to the section title.
  const leave = (member: Member, message: string) => {
    const cards = Array.from(list.current?.querySelectorAll<HTMLElement>('[data-member]') ?? []);
    const index = cards.findIndex((card) => card.dataset.member === member.id);
    const next = cards[index + 1] ?? cards[index - 1];
    focusTarget.current = next?.querySelector<HTMLElement>('button') ?? null;
    dropSuggestion(client, member.id);
    announce(message);
    requestAnimationFrame(() => fallbackFocus()?.focus());
  };

  if (suggestions.isPending || (items.length === 0 && !everShown.current && !suggestions.isError))
    return null;

  return (
    <section className="card card--padded suggestions" aria-labelledby={titleId}>
      <h2 className="section-title" id={titleId} tabIndex={-1}>
        People you may know
      </h2>
      {suggestions.isError ? (
        <ErrorMessage error={suggestions.error} onRetry={() => void suggestions.refetch()} />
      ) : items.length === 0 ? (
        <p className="muted suggestions__done">No more suggestions for now.</p>
      ) : (
        <ul className="suggestions__list" ref={list} aria-labelledby={titleId}>
          {items.map((suggestion) => (
            <SuggestionCard
              key={suggestion.member.id}
              suggestion={suggestion}
              onConnect={() => setConnecting(suggestion.member)}
              dismissing={dismiss.isPending && dismiss.variables === suggestion.member.id}
              error={dismiss.variables === suggestion.member.id ? dismiss.error : null}
              onDismiss={() =>
                dismiss.mutate(suggestion.member.id, {
                  onSuccess: () =>
                    leave(suggestion.member, `${suggestion.member.name} won’t be suggested to you again`),
                })
              }
            />
          ))}
        </ul>
      )}
      {connecting &&
        renderConnectDialog({
          member: connecting,
          open: true,
          onClose: () => setConnecting(null),
          fallbackFocus,
          onSent: (outcome) => {
            setConnecting(null);
            leave(
              connecting,
              outcome === 'connected'
                ? `${connecting.name} had already invited you, so you are now connected.`
                : `Invitation sent to ${connecting.name}`,
            );
          },
        })}
    </section>
  );
}

interface SuggestionCardProps {
  suggestion: Suggestion;
  onConnect: () => void;
  dismissing: boolean;
  error: unknown;
  onDismiss: () => void;
}

function SuggestionCard({ suggestion, onConnect, dismissing, error, onDismiss }: SuggestionCardProps) {
  const nameId = useId();
  const { member } = suggestion;
  return (
    <li className="suggestion" data-member={member.id}>
      <Avatar id={member.id} name={member.name} />
      <div className="suggestion__body">
        <Link to={`/in/${member.id}`} className="suggestion__name" id={nameId}>
          {member.name}
        </Link>
        {member.headline && <p className="suggestion__headline">{member.headline}</p>}
        <MutualConnections
          memberId={member.id}
          total={suggestion.mutualConnections}
          preview={suggestion.mutualPreview}
        />
        {Boolean(error) && <ErrorMessage error={error} />}
      </div>
      <div className="suggestion__actions">
        <Button variant="primary" onClick={onConnect} aria-describedby={nameId}>
          <PlusIcon /> Connect
        </Button>
        <Button variant="quiet" pending={dismissing} onClick={onDismiss} aria-describedby={nameId}>
          Not interested
        </Button>
      </div>
    </li>
  );
}
