// The frame around every page: a sidebar with the sections, a top bar with the page title, and a
// main area that scrolls on its own so the sidebar and top bar stay put. Pages own their padding:
// documents use p-5, split views (Customer 360) go edge to edge.
import { lazy, Suspense, useEffect } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useMatches } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ChartColumn, Funnel, Megaphone, Users, type LucideIcon } from 'lucide-react';
import { clsx } from 'clsx';
import { Spinner } from '../ui/Spinner.tsx';
import { LanguageSwitch } from '../ui/i18n/LanguageSwitch.tsx';
import { DataSource } from './DataSource.tsx';
import { titleOf } from './page-titles.ts';
import { sessionQueries } from './session.ts';
// Its own chunk (the popover and its icons): the first page's JavaScript stays under budget.
const UserMenu = lazy(() => import('./UserMenu.tsx').then((m) => ({ default: m.UserMenu })));
import { ErrorState } from '../ui/ErrorState.tsx';
import { RoleProvider } from '../ui/permissions.tsx';

const sections: {
  to: string;
  key: 'segments' | 'campaigns' | 'customers' | 'dashboards';
  icon: LucideIcon;
}[] = [
  { to: '/segments', key: 'segments', icon: Funnel },
  { to: '/campaigns', key: 'campaigns', icon: Megaphone },
  { to: '/customers', key: 'customers', icon: Users },
  { to: '/dashboards', key: 'dashboards', icon: ChartColumn },
];

/** Every page but the sign-in page needs someone signed in: else, to it, and back after. */
export function Layout() {
  const { t } = useTranslation();
  const session = useQuery(sessionQueries.current());
  const location = useLocation();
  if (session.isPending) return <PageLoading />;
  if (session.isError) {
    // Only the API being out of reach gets here (a signed-out caller gets user: null).
    return (
      <ErrorState
        title={t('account.unknown')}
        detail={t('account.unknownDetail')}
        onRetry={() => void session.refetch()}
        retrying={session.isFetching}
      />
    );
  }
  if (session.data.user === null) {
    const next = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <RoleProvider role={session.data.user.role}>
      <SignedInLayout />
    </RoleProvider>
  );
}

function SignedInLayout() {
  const { t } = useTranslation();
  const page = titleOf(useMatches().map((m) => m.handle));
  const title = page === undefined ? undefined : t(`app.title.${page}`);
  const name = t('app.name');
  useEffect(() => {
    document.title = title === undefined ? name : `${title} · ${name}`;
  }, [title, name]);

  return (
    <div className="grid h-full grid-cols-[200px_minmax(0,1fr)]">
      <a
        href="#main"
        className="sr-only rounded-md bg-surface px-3 py-1.5 shadow-popover focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        {t('app.skipToContent')}
      </a>
      <aside className="flex min-h-0 flex-col border-r border-line bg-canvas">
        <div className="flex h-11 shrink-0 items-center gap-2 px-4">
          <span
            aria-hidden="true"
            className="flex size-5 items-center justify-center rounded-sm bg-accent-600 text-xs font-bold text-white"
          >
            {name.charAt(0)}
          </span>
          <span className="text-md font-semibold tracking-tight text-fg">{name}</span>
        </div>
        <nav aria-label={t('app.sections')} className="px-2 py-1">
          <ul className="flex flex-col gap-px">
            {sections.map(({ to, key, icon: Icon }) => (
              <li key={to}>
                <NavLink
                  to={to}
                  className={({ isActive }) =>
                    clsx(
                      'flex h-7 items-center gap-2 rounded-md px-2 text-base',
                      isActive
                        ? 'bg-gray-150 font-medium text-fg'
                        : 'text-fg-muted hover:bg-subtle hover:text-fg',
                    )
                  }
                >
                  <Icon size={15} aria-hidden="true" className="shrink-0" />
                  {t(`app.section.${key}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <div className="flex min-h-0 min-w-0 flex-col">
        <header className="flex h-11 shrink-0 items-center justify-between gap-4 border-b border-line bg-surface px-5">
          <h1 className="truncate text-md font-semibold text-fg">{title ?? name}</h1>
          <div className="flex items-center gap-3">
            <DataSource />
            <LanguageSwitch />
            <Suspense fallback={null}>
              <UserMenu />
            </Suspense>
          </div>
        </header>
        <main id="main" tabIndex={-1} className="min-h-0 flex-1 overflow-auto outline-none">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}

function PageLoading() {
  const { t } = useTranslation();
  return (
    <div
      role="status"
      aria-label={t('app.loadingPage')}
      className="flex items-center gap-2 p-5 text-sm text-fg-muted"
    >
      <Spinner />
      {t('state.loadingEllipsis')}
    </div>
  );
}
