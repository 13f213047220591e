/** A small spinning ring; the control or region it sits in says what is happening. */
export function Spinner({ large = false }: { large?: boolean }) {
  return <span className={`spinner ${large ? 'spinner--large' : ''}`} aria-hidden="true" />;
}

/** A region that is loading: a spinner and words for screen readers. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" aria-busy="true">
      <Spinner large />
      <span className="loading__label">{label}</span>
    </div>
  );
}
