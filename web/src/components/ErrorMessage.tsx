import { errorMessage } from '../lib/api';
import { Button } from './Button';

/** A failure, announced as it appears, with a way to try again when there is one. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="error-message" role="alert">
      <span>{errorMessage(error)}</span>
      {onRetry && (
        <Button size="small" variant="quiet" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}
