import { useEffect } from 'react';

/** Each page names itself in the tab title, so history and screen readers can tell pages apart. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} | Rapport` : 'Rapport';
  }, [title]);
}
