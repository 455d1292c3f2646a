import { useEffect } from 'react';
import { hasRole } from './api/session';
import { Layout } from './components/Layout';
import { useSession } from './hooks';
import { SignedInPage, SignInPage } from './pages/SignInPage';
import { match, navigate, useLocation } from './router';
import { homeFor, ROUTES } from './routes';

export function App() {
  const session = useSession();
  const { pathname } = useLocation();
  const publicPage = pathname === '/sign-in' || pathname === '/signed-in';

  useEffect(() => {
    if (!session && !publicPage) navigate(`/sign-in?next=${encodeURIComponent(pathname)}`, true);
    else if (session && (pathname === '/' || pathname === '/sign-in')) navigate(homeFor(session.user.roles), true);
  }, [session, pathname, publicPage]);

  if (pathname === '/signed-in') return <SignedInPage />;
  if (!session || pathname === '/sign-in') return <SignInPage />;

  for (const route of ROUTES) {
    const params = match(route.path, pathname);
    if (!params) continue;
    if (!hasRole(session, ...route.roles))
      return (
        <Layout session={session} path={pathname} title="Not available">
          <p>Your roles ({session.user.roles.join(', ')}) do not include this page.</p>
        </Layout>
      );
    const Page = route.component;
    return (
      <Layout session={session} path={pathname} title={route.title}>
        <Page params={params} />
      </Layout>
    );
  }
  return (
    <Layout session={session} path={pathname} title="Page not found">
      <p>There is no page at {pathname}.</p>
    </Layout>
  );
}
