import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { Avatar } from '../../../components/Avatar';
import { SearchIcon } from '../../../components/icons';
import { Spinner } from '../../../components/Spinner';
import { errorMessage } from '../../../lib/api';
import { useDebounced } from '../../../lib/useDebounced';
import { useMemberSearch } from '../api/searchMembers';

/** The top bar's member search (A3): results appear under the box as links to profiles. */
export function SearchBox() {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const query = useDebounced(text, 200);
  const search = useMemberSearch(query);
  const resultsId = useId();
  const root = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const location = useLocation();

  useEffect(() => setOpen(false), [location.pathname]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const results = search.data?.items ?? [];
  const showPanel = open && text.trim().length > 0;
  const links = () => Array.from(root.current?.querySelectorAll<HTMLAnchorElement>('.search__result') ?? []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      setOpen(false);
      if (event.target instanceof HTMLAnchorElement) root.current?.querySelector('input')?.focus();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const all = links();
    if (all.length === 0) return;
    event.preventDefault();
    const index = all.indexOf(document.activeElement as HTMLAnchorElement);
    const next = event.key === 'ArrowDown' ? index + 1 : index - 1;
    if (next < 0) root.current?.querySelector('input')?.focus();
    else all[Math.min(next, all.length - 1)]!.focus();
  };

  const waiting = search.isFetching || text.trim() !== query.trim();

  return (
    <div className="search" ref={root} onKeyDown={onKeyDown}>
      <form
        role="search"
        className="search__form"
        onSubmit={(event) => {
          event.preventDefault();
          // Enter shows every match on the results page; a result is opened by choosing it.
          const typed = text.trim();
          if (!typed) return;
          setOpen(false);
          navigate(`/search?q=${encodeURIComponent(typed)}`);
        }}
      >
        <span className="search__icon">
          <SearchIcon />
        </span>
        <input
          type="search"
          className="search__input"
          aria-label="Search"
          placeholder="Search people"
          autoComplete="off"
          aria-controls={showPanel ? resultsId : undefined}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
        />
      </form>
      {showPanel && (
        <div className="search__panel" id={resultsId}>
          {search.isError ? (
            <p className="search__note" role="alert">
              {errorMessage(search.error)}
            </p>
          ) : results.length > 0 ? (
            <ul className="search__results" aria-label="Search results">
              {results.map((member) => (
                <li key={member.id}>
                  <Link className="search__result" to={`/in/${member.id}`} onClick={() => setOpen(false)}>
                    <Avatar id={member.id} name={member.name} size="small" />
                    <span className="search__text">
                      <span className="search__name">{member.name}</span>
                      {member.headline && <span className="search__headline">{member.headline}</span>}
                    </span>
                  </Link>
                </li>
              ))}
              <li>
                <Link
                  className="search__result search__all"
                  to={`/search?q=${encodeURIComponent(text.trim())}`}
                  onClick={() => setOpen(false)}
                >
                  See all results
                </Link>
              </li>
            </ul>
          ) : waiting ? (
            <p className="search__note">
              <Spinner /> Searching…
            </p>
          ) : (
            <p className="search__note">No members match “{text.trim()}”.</p>
          )}
        </div>
      )}
    </div>
  );
}
