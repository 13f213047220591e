import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** The buttons at the bottom, primary last. */
  actions: ReactNode;
  /** Where focus goes on close when the element that opened the dialog is gone (a withdrawn row). */
  fallbackFocus?: () => HTMLElement | null;
  /** While an action is in flight, Escape and the backdrop do not close the dialog. */
  busy?: boolean;
  className?: string;
}

/**
 * A modal built on the native <dialog>: showModal() makes the rest of the page inert and
 * moves focus inside; on close, focus goes back to whatever opened it.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  actions,
  fallbackFocus,
  busy,
  className,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const bodyId = useId();
  const latest = useRef({ onClose, busy, fallbackFocus });
  latest.current = { onClose, busy, fallbackFocus };

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      const preferred = dialog.querySelector<HTMLElement>('[data-autofocus]');
      preferred?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const onCancel = (event: Event) => {
      event.preventDefault();
      if (!latest.current.busy) latest.current.onClose();
    };
    const onClosed = () => {
      const back = opener.current;
      opener.current = null;
      // Wait a frame: the row that opened the dialog may be leaving the list right now.
      requestAnimationFrame(() => {
        if (back && back.isConnected && !back.closest('[inert]')) back.focus();
        else (latest.current.fallbackFocus?.() ?? document.getElementById('main'))?.focus();
      });
    };
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('close', onClosed);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('close', onClosed);
      // Unmounted while open (its page changed under it): no close event comes, so restore focus here.
      if (dialog.open) onClosed();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      aria-busy={busy || undefined}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> element itself.
        if (event.target === ref.current && !busy) onClose();
      }}
    >
      {open && (
        <div className="dialog__frame">
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          <div id={bodyId} className="dialog__body">
            {children}
          </div>
          <div className="dialog__actions">{actions}</div>
        </div>
      )}
    </dialog>
  );
}
