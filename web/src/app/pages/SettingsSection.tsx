import type { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';

const SECTIONS = [
  { to: '/settings', label: 'Invitations', end: true },
  { to: '/settings/email', label: 'Email', end: false },
  { to: '/settings/account', label: 'Account', end: false },
];

/** Every settings page: the list of sections beside the page (above it on a phone, where it comes first). */
export function SettingsSection({ children }: { children: ReactNode }) {
  return (
    <div className="layout-sidebar settings-layout">
      <nav className="sidebar card settings-nav" aria-label="Settings">
        <p className="sidebar__title">Settings</p>
        <ul className="sidebar__list">
          {SECTIONS.map((s) => (
            <li key={s.to}>
              <NavLink to={s.to} end={s.end} className="sidebar__row">
                <span className="sidebar__label">{s.label}</span>
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="stack">{children}</div>
    </div>
  );
}
