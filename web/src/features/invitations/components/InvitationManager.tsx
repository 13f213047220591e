import { useRef, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { ReceivedTab } from './ReceivedTab';
import { SentTab } from './SentTab';
import './invitations.css';

export type InvitationTab = 'received' | 'sent';

const TABS: { id: InvitationTab; label: string }[] = [
  { id: 'received', label: 'Received' },
  { id: 'sent', label: 'Sent' },
];

interface InvitationManagerProps {
  tab: InvitationTab;
  /** Pending counts for the tab names ("Sent (3)"), when known. */
  counts?: { received: number; sent: number };
}

/**
 * The article's invitation manager: "you will find two tabs: Received and Sent". The URL
 * follows the tab, so the Sent tab can be bookmarked and reloaded.
 */
export function InvitationManager({ tab, counts }: InvitationManagerProps) {
  useDocumentTitle(tab === 'sent' ? 'Sent invitations' : 'Received invitations');
  const navigate = useNavigate();
  const tabRefs = useRef<Record<InvitationTab, HTMLButtonElement | null>>({ received: null, sent: null });

  const select = (next: InvitationTab, focus: boolean) => {
    if (next !== tab) navigate(`/mynetwork/invitation-manager/${next}`);
    if (focus) tabRefs.current[next]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const index = TABS.findIndex((t) => t.id === tab);
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: TABS.length - 1,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = TABS[(moves[event.key]! + TABS.length) % TABS.length]!;
    select(next.id, true);
  };

  return (
    <section className="card manager" aria-labelledby="manager-title">
      <header className="manager__header">
        <h1 className="page-title" id="manager-title">
          Manage invitations
        </h1>
      </header>
      <div className="tabs" role="tablist" aria-label="Invitations" onKeyDown={onKeyDown}>
        {TABS.map((t) => {
          const selected = t.id === tab;
          const n = counts?.[t.id];
          return (
            <button
              key={t.id}
              ref={(el) => {
                tabRefs.current[t.id] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${t.id}`}
              className="tabs__tab"
              aria-selected={selected}
              aria-controls={selected ? `panel-${t.id}` : undefined}
              tabIndex={selected ? 0 : -1}
              onClick={() => select(t.id, false)}
            >
              {t.label}
              {n !== undefined && ` (${n.toLocaleString()})`}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="manager__panel">
        {tab === 'sent' ? <SentTab /> : <ReceivedTab />}
      </div>
    </section>
  );
}
