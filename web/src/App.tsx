import { lazy, Suspense, useEffect } from 'react';
import { hasRole } from './api/session';
import { Layout } from './components/Layout';
import { Loading } from './components/Status';
import { useSession } from './hooks';
import { match, navigate, useLocation } from './router';
import { homeFor, ROUTES } from './routes';

// Signing in is a chunk of its own too: a signed-in user's first load does not need it.
const SignInPage = lazy(() => import('./pages/SignInPage').then((m) => ({ default: m.SignInPage })));
const SignedInPage = lazy(() => import('./pages/SignInPage').then((m) => ({ default: m.SignedInPage })));

export function App() {
  const session = useSession();
  const { pathname } = useLocation();
  const publicPage = pathname === '/sign-in' || pathname === '/signed-in';

  useEffect(() => {
    if (!session && !publicPage) navigate(`/sign-in?next=${encodeURIComponent(pathname)}`, true);
    else if (session && (pathname === '/' || pathname === '/sign-in')) navigate(homeFor(session.user.roles), true);
  }, [session, pathname, publicPage]);

  if (pathname === '/signed-in' || !session || pathname === '/sign-in')
    return (
      <Suspense
        fallback={
          <main id="main" className="sign-in">
            <Loading what="sign-in" />
          </main>
        }
      >
        {pathname === '/signed-in' ? <SignedInPage /> : <SignInPage />}
      </Suspense>
    );

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
        {/* Inside the layout: the navigation and the title stay while a page's chunk is fetched. */}
        <Suspense fallback={<Loading what="the page" />}>
          <Page params={params} />
        </Suspense>
      </Layout>
    );
  }
  return (
    <Layout session={session} path={pathname} title="Page not found">
      <p>There is no page at {pathname}.</p>
    </Layout>
  );
}
