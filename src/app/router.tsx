// The route table: every section inside the Layout, each route module loaded on first visit.
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { Layout } from './Layout.tsx';
import { NotFound } from './NotFound.tsx';
import { RouteErrorBoundary } from './RouteErrorBoundary.tsx';
import type { PageTitle, RouteHandle } from './page-titles.ts';

const SignIn = lazy(() => import('./SignIn.tsx').then((m) => ({ default: m.SignInRoute })));
const Customers = lazy(() =>
  import('./routes/customers.tsx').then((m) => ({ default: m.CustomersRoute })),
);
const Segments = lazy(() =>
  import('./routes/segments.tsx').then((m) => ({ default: m.SegmentsRoute })),
);
const NewSegment = lazy(() =>
  import('./routes/segments.tsx').then((m) => ({ default: m.NewSegmentRoute })),
);
const SavedSegment = lazy(() =>
  import('./routes/segments.tsx').then((m) => ({ default: m.SavedSegmentRoute })),
);
const Campaigns = lazy(() =>
  import('./routes/campaigns.tsx').then((m) => ({ default: m.CampaignsRoute })),
);
const NewCampaign = lazy(() =>
  import('./routes/campaigns.tsx').then((m) => ({ default: m.NewCampaignRoute })),
);
const SavedCampaign = lazy(() =>
  import('./routes/campaigns.tsx').then((m) => ({ default: m.SavedCampaignRoute })),
);
const CampaignPreview = lazy(() =>
  import('./routes/preview.tsx').then((m) => ({ default: m.CampaignPreviewRoute })),
);
const CampaignAudit = lazy(() =>
  import('./routes/audit.tsx').then((m) => ({ default: m.CampaignAuditRoute })),
);
const GuardrailPolicy = lazy(() =>
  import('./routes/policy.tsx').then((m) => ({ default: m.GuardrailPolicyRoute })),
);
const Team = lazy(() =>
  import('../features/team/TeamPage.tsx').then((m) => ({ default: m.TeamRoute })),
);
const Account = lazy(() =>
  import('../features/team/AccountPage.tsx').then((m) => ({ default: m.AccountRoute })),
);
const AuditLog = lazy(() =>
  import('../features/audit-log/AuditLogPage.tsx').then((m) => ({ default: m.AuditLogRoute })),
);
const Import = lazy(() =>
  import('../features/import/ImportPage.tsx').then((m) => ({ default: m.ImportRoute })),
);
const Dashboards = lazy(() =>
  import('./routes/dashboards.tsx').then((m) => ({ default: m.DashboardsRoute })),
);
// A page showing every primitive, for eyeballing the design system; never in a production build.
const Kit = import.meta.env.DEV
  ? lazy(() => import('./routes/kit.tsx').then((m) => ({ default: m.KitRoute })))
  : null;

const titled = (title: PageTitle): RouteHandle => ({ title });

export const routes: RouteObject[] = [
  {
    path: '/sign-in',
    element: (
      <Suspense fallback={null}>
        <SignIn />
      </Suspense>
    ),
    errorElement: <RouteErrorBoundary />,
  },
  {
    path: '/',
    element: <Layout />,
    errorElement: <RouteErrorBoundary />,
    children: [
      {
        // Errors in a page render inside the layout, so the navigation stays usable.
        errorElement: <RouteErrorBoundary />,
        children: [
          { index: true, element: <Navigate to="/customers" replace /> },
          { path: 'customers', handle: titled('customers'), element: <Customers /> },
          { path: 'customers/:customerId', handle: titled('customers'), element: <Customers /> },
          { path: 'segments', handle: titled('segments'), element: <Segments /> },
          { path: 'segments/new', handle: titled('segments'), element: <NewSegment /> },
          { path: 'segments/:segmentId', handle: titled('segments'), element: <SavedSegment /> },
          { path: 'campaigns', handle: titled('campaigns'), element: <Campaigns /> },
          { path: 'campaigns/new', handle: titled('campaigns'), element: <NewCampaign /> },
          { path: 'campaigns/policy', handle: titled('campaigns'), element: <GuardrailPolicy /> },
          {
            path: 'campaigns/:campaignId/preview/:customerId?',
            handle: titled('campaigns'),
            element: <CampaignPreview />,
          },
          {
            path: 'campaigns/:campaignId/audit',
            handle: titled('campaigns'),
            element: <CampaignAudit />,
          },
          {
            path: 'campaigns/:campaignId',
            handle: titled('campaigns'),
            element: <SavedCampaign />,
          },
          { path: 'dashboards', handle: titled('dashboards'), element: <Dashboards /> },
          { path: 'settings/team', handle: titled('team'), element: <Team /> },
          { path: 'settings/account', handle: titled('account'), element: <Account /> },
          { path: 'settings/audit-log', handle: titled('auditLog'), element: <AuditLog /> },
          { path: 'settings/import', handle: titled('import'), element: <Import /> },
          ...(Kit ? [{ path: '_kit', handle: titled('kit'), element: <Kit /> }] : []),
          { path: '*', handle: titled('notFound'), element: <NotFound /> },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
