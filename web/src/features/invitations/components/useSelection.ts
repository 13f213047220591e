import { useCallback, useState } from 'react';

/** The rows a person has ticked, by id; updates are functional so late callbacks never undo a tick. */
export function useSelection() {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback((id: string, on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const selectOnly = useCallback((ids: Iterable<string>) => setSelected(new Set(ids)), []);
  return { selected, toggle, selectOnly };
}
