// The frame around every page: a sidebar with the sections, a top bar with the page title, and a
// main area that scrolls on its own so the sidebar and top bar stay put. Pages own their padding:
// documents use p-5, split views (Customer 360) go edge to edge.
import { Suspense, useEffect } from 'react';
import { NavLink, Outlet, useMatches } from 'react-router';
import { ChartColumn, Funnel, Megaphone, Users, type LucideIcon } from 'lucide-react';
import { clsx } from 'clsx';
import { Spinner } from '../ui/Spinner.tsx';
import { DataSource } from './DataSource.tsx';

const sections: { to: string; label: string; icon: LucideIcon }[] = [
  { to: '/segments', label: 'Segments', icon: Funnel },
  { to: '/campaigns', label: 'Campaigns', icon: Megaphone },
  { to: '/customers', label: 'Customers', icon: Users },
  { to: '/dashboards', label: 'Dashboards', icon: ChartColumn },
];

/** The deepest matched route's `handle.title`, if any. */
function usePageTitle(): string | undefined {
  const matches = useMatches();
  for (const { handle } of [...matches].reverse()) {
    if (typeof handle === 'object' && handle !== null && 'title' in handle) {
      if (typeof handle.title === 'string') return handle.title;
    }
  }
  return undefined;
}

export function Layout() {
  const title = usePageTitle();
  useEffect(() => {
    document.title = title === undefined ? 'Tact' : `${title} · Tact`;
  }, [title]);

  return (
    <div className="grid h-full grid-cols-[200px_minmax(0,1fr)]">
      <a
        href="#main"
        className="sr-only rounded-md bg-surface px-3 py-1.5 shadow-popover focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to content
      </a>
      <aside className="flex min-h-0 flex-col border-r border-line bg-canvas">
        <div className="flex h-11 shrink-0 items-center gap-2 px-4">
          <span
            aria-hidden="true"
            className="flex size-5 items-center justify-center rounded-sm bg-accent-600 text-xs font-bold text-white"
          >
            T
          </span>
          <span className="text-md font-semibold tracking-tight text-fg">Tact</span>
        </div>
        <nav aria-label="Sections" className="px-2 py-1">
          <ul className="flex flex-col gap-px">
            {sections.map(({ to, label, icon: Icon }) => (
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
                  {label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <div className="flex min-h-0 min-w-0 flex-col">
        <header className="flex h-11 shrink-0 items-center justify-between gap-4 border-b border-line bg-surface px-5">
          <h1 className="truncate text-md font-semibold text-fg">{title ?? 'Tact'}</h1>
          <DataSource />
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
  return (
    <div
      role="status"
      aria-label="Loading page"
      className="flex items-center gap-2 p-5 text-sm text-fg-muted"
    >
      <Spinner />
      Loading…
    </div>
  );
}
