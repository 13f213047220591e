import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

type Tone = 'success' | 'info';
interface Toast {
  id: number;
  message: string;
  tone: Tone;
}

const AnnounceContext = createContext<(message: string, tone?: Tone) => void>(() => {});

/** Announces the outcome of an action ("Invitation withdrawn") to everyone, eyes or ears. */
export function useAnnounce() {
  return useContext(AnnounceContext);
}

const VISIBLE_MS = 8000;

/**
 * The page's single status region (role="status"). It is always in the document, so screen
 * readers pick up each new message; the message stays long enough to be read, then fades.
 */
export function Toaster({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<Toast | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const nextId = useRef(1);

  const announce = useCallback((message: string, tone: Tone = 'success') => {
    window.clearTimeout(timer.current);
    setToast({ id: nextId.current++, message, tone });
    timer.current = window.setTimeout(() => setToast(null), VISIBLE_MS);
  }, []);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="toaster" role="status" aria-live="polite">
        {toast && (
          <div key={toast.id} className={`toast toast--${toast.tone}`}>
            <svg className="toast__icon" viewBox="0 0 20 20" aria-hidden="true">
              <circle cx="10" cy="10" r="9" />
              <path d="M6 10.5l2.5 2.5L14 7.5" />
            </svg>
            <span>{toast.message}</span>
          </div>
        )}
      </div>
    </AnnounceContext.Provider>
  );
}
