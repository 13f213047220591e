import type { ReactNode } from 'react';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { ErrorMessage } from './ErrorMessage';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  children: ReactNode;
  onConfirm: () => void;
  onClose: () => void;
  pending: boolean;
  error: unknown;
  fallbackFocus?: () => HTMLElement | null;
}

/** Asks before a destructive action; focus starts on Cancel, the harmless choice. */
export function ConfirmDialog({
  open,
  title,
  confirmLabel,
  children,
  onConfirm,
  onClose,
  pending,
  error,
  fallbackFocus,
}: ConfirmDialogProps) {
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      busy={pending}
      fallbackFocus={fallbackFocus}
      actions={
        <>
          <Button onClick={onClose} disabled={pending} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={onConfirm} pending={pending}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
      {Boolean(error) && <ErrorMessage error={error} />}
    </Dialog>
  );
}
