import { useEffect, useRef, type ReactNode } from 'react';
import { signOut } from '../api/client';
import type { Session } from '../api/session';
import { Link, navigate } from '../router';
import { ROUTES } from '../routes';

/** The frame of every signed-in page: a skip link, the navigation the user's roles allow, the signed-in user. */
export function Layout({ session, path, title, children }: { session: Session; path: string; title: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Trustwide`;
    // Move focus to the new page's heading so keyboard and screen-reader users start there.
    heading.current?.focus();
  }, [title, path]);
  const items = ROUTES.filter((r) => r.nav && r.roles.some((role) => session.user.roles.includes(role)));
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Trustwide</span>
        <nav aria-label="Main">
          <ul>
            {items.map((r) => (
              <li key={r.path}>
                <Link to={r.path} aria-current={path.startsWith(r.path) ? 'page' : undefined}>
                  {r.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            {session.user.displayName ?? session.user.email} <span className="muted">({session.user.roles.join(', ')})</span>
          </span>
          <button
            type="button"
            onClick={() => {
              void signOut().then(() => navigate('/sign-in'));
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main">
        <h1 tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {children}
      </main>
    </>
  );
}
