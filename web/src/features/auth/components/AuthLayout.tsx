import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

/** The signed-out frame: brand, one card, a short pitch. */
export function AuthLayout({
  title,
  intro,
  children,
}: {
  title: string;
  intro: string;
  children: ReactNode;
}) {
  return (
    <div className="auth">
      <header className="auth__header">
        <Link to="/login" className="brand" aria-label="Rapport">
          <span className="brand__mark" aria-hidden="true">
            R
          </span>
          <span className="brand__name" aria-hidden="true">
            Rapport
          </span>
        </Link>
      </header>
      <main id="main" tabIndex={-1} className="auth__main">
        <div className="auth__card card">
          <h1 className="auth__title">{title}</h1>
          <p className="auth__intro">{intro}</p>
          {children}
        </div>
      </main>
    </div>
  );
}
