import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Link } from 'react-router-dom';

export type MenuItem =
  | { label: string; to: string; danger?: boolean }
  | { label: string; onSelect: () => void; danger?: boolean }
  /** A switch (menuitemcheckbox): choosing it flips `checked` and leaves the menu open. */
  | { label: string; checked: boolean; onToggle: () => void };

interface MenuProps {
  /** The button's accessible name, which is also its visible text unless `content` is given. */
  label: string;
  content?: ReactNode;
  items: MenuItem[];
  buttonClassName?: string;
  align?: 'start' | 'end';
  /** Shown above the items (who is signed in, say); not itself a menu item. */
  header?: ReactNode;
}

/** A menu button (WAI-ARIA menu pattern): arrows move, Escape closes and returns focus. */
export function Menu({ label, content, items, buttonClassName, align = 'end', header }: MenuProps) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const popup = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const buttonId = useId();

  const menuItems = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? []);
  const focusItem = (index: number) => {
    const all = menuItems();
    if (all.length === 0) return;
    all[(index + all.length) % all.length]!.focus();
  };
  const openAt = (index: number) => {
    setOpen(true);
    requestAnimationFrame(() => focusItem(index));
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!popup.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const onButtonKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      openAt(0);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(-1);
    }
  };

  const onMenuKey = (event: KeyboardEvent) => {
    const all = menuItems();
    const current = all.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: -1 };
    if (event.key in moves) {
      event.preventDefault();
      focusItem(moves[event.key]!);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <div className={`menu menu--${align}`}>
      <button
        ref={button}
        id={buttonId}
        type="button"
        className={buttonClassName ?? 'button button--secondary'}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKey}
      >
        {content ?? label}
      </button>
      {open && (
        <div className="menu__popup" ref={popup}>
          {header && <div className="menu__header">{header}</div>}
          <div
            ref={menu}
            id={menuId}
            role="menu"
            aria-labelledby={buttonId}
            className="menu__items"
            onKeyDown={onMenuKey}
          >
            {items.map((item) =>
              'checked' in item ? (
                <button
                  key={item.label}
                  role="menuitemcheckbox"
                  aria-checked={item.checked}
                  tabIndex={-1}
                  type="button"
                  className="menu__item menu__item--switch"
                  onClick={item.onToggle}
                >
                  {item.label}
                  <span className="menu__switch" aria-hidden="true" />
                </button>
              ) : 'to' in item ? (
                <Link
                  key={item.label}
                  role="menuitem"
                  tabIndex={-1}
                  to={item.to}
                  className="menu__item"
                  onClick={() => setOpen(false)}
                >
                  {item.label}
                </Link>
              ) : (
                <button
                  key={item.label}
                  role="menuitem"
                  tabIndex={-1}
                  type="button"
                  className={`menu__item ${item.danger ? 'menu__item--danger' : ''}`}
                  onClick={() => {
                    close(true);
                    item.onSelect();
                  }}
                >
                  {item.label}
                </button>
              ),
            )}
          </div>
        </div>
      )}
    </div>
  );
}
