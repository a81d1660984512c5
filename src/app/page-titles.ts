// The pages' titles, as keys of the common catalogue's `app.title`: what a route declares in its
// `handle`, shown in the top bar and the tab.
import { z } from 'zod';

export const pageTitle = z.enum([
  'segments',
  'campaigns',
  'customers',
  'dashboards',
  'team',
  'account',
  'auditLog',
  'import',
  'kit',
  'notFound',
]);
export type PageTitle = z.infer<typeof pageTitle>;

export type RouteHandle = { title: PageTitle };

/** The deepest matched route's title, from the handles of the matched routes (outermost first). */
export function titleOf(handles: readonly unknown[]): PageTitle | undefined {
  for (const handle of [...handles].reverse()) {
    if (typeof handle === 'object' && handle !== null && 'title' in handle) {
      const title = pageTitle.safeParse(handle.title);
      if (title.success) return title.data;
    }
  }
  return undefined;
}
