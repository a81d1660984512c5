// The profile API, written once: the same Hono app runs in Node over DuckDB and in the browser
// (behind MSW) over the memory store.
import { attachCheckPool, type CheckPool } from './check-pool.ts';
import { accessGate, type Access } from './auth/access.ts';
import { bodyGate } from './body-gate.ts';
import { hostAllowlist } from './security.ts';
import { loadLimits, type LoadLimits } from './load-limits.ts';
import { auditTrail } from './audit-log/record.ts';
import { MemoryAuditTrail, type AuditTrail } from './audit-log/trail.ts';
import { auditLogRoutes } from './routes/audit-log.ts';
import { maskForViewers } from './auth/masking.ts';
import { Hono } from 'hono';
import { HttpError, errorBody } from './http.ts';
import type { ProfileStore } from './store.ts';
import { auditRoutes } from './routes/audits.ts';
import { authRoutes } from './routes/auth.ts';
import { campaignRoutes } from './routes/campaigns.ts';
import { exportRoutes } from './routes/export.ts';
import { campaignForecastRoutes, segmentForecastRoutes } from './routes/forecast.ts';
import { customerRoutes } from './routes/customers.ts';
import { metaRoutes } from './routes/meta.ts';
import { policyRoutes } from './routes/policies.ts';
import { segmentMemberRoutes } from './routes/segment-members.ts';
import { previewRoutes } from './routes/preview.ts';
import { segmentOverlapRoutes } from './routes/segment-overlap.ts';
import { recommendationRoutes } from './routes/recommendations.ts';
import { scoreRoutes } from './routes/scores.ts';
import { dashboardRoutes, segmentValues } from './routes/dashboards.ts';
import { importRoutes, type ImportService } from './routes/imports.ts';
import { segmentRoutes } from './routes/segments.ts';
import { templateRoutes, type TemplateRenderer } from './routes/templates.ts';
import { RefitJob } from './scoring/refit.ts';
import { scoreService } from './scoring/service.ts';

export function createApi(
  store: ProfileStore,
  options: {
    /**
     * Who may do what (decision 035): accounts with sign-in on the server, one fixed identity in the
     * browser's demo and in tests. No default: an API without a gate is never made by accident.
     */
    access: Access;
    logErrors?: boolean;
    /** The Host names answered (server/security.ts); every other Host is a 400. Default: any. */
    hosts?: ReadonlySet<string>;
    /** Rate limits and load shedding (server/load-limits.ts); none by default. */
    load?: LoadLimits;
    /** Where changes are recorded (default: in memory, for the demo and tests). */
    auditTrail?: AuditTrail;
    /** Where templates render (default: in this thread; the Node server uses worker threads). */
    templates?: TemplateRenderer;
    /** Where campaigns' recipients are checked (default: in this thread; the Node server's workers). */
    checks?: CheckPool;
    /** Imports of a retailer's files (the Node server's DuckDB store); none in the browser's demo. */
    imports?: ImportService;
  },
): Hono {
  if (options.checks !== undefined) attachCheckPool(store, options.checks);
  const app = new Hono();
  if (options.hosts !== undefined) app.use('*', hostAllowlist(options.hosts));
  // Answers about customers are never kept by a browser or a proxy.
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use('/api/*', bodyGate());
  app.use('/api/*', accessGate(options.access));
  if (options.load !== undefined) app.use('/api/*', loadLimits(options.load));
  app.use('/api/*', maskForViewers());
  const trail = options.auditTrail ?? new MemoryAuditTrail();
  app.use('/api/*', auditTrail(store, options.access, trail));
  app.route('/api', auditLogRoutes(trail));
  app.route('/api', authRoutes(options.access));
  app.route('/api', metaRoutes(store));
  app.route('/api/customers', customerRoutes(store));
  app.route(
    '/api',
    scoreRoutes(
      scoreService(store),
      async (id) => (await store.history(id, { tables: [], since: null })) !== null,
      new RefitJob(async (stage) => {
        const book = await store.refitScores(stage);
        // The saved segments' values read the scores: worked out again now, not on first opening.
        void segmentValues(store).catch(() => undefined);
        return book;
      }),
    ),
  );
  app.route('/api/segments', segmentRoutes(store));
  app.route('/api/segments', segmentMemberRoutes(store));
  app.route('/api/segments', segmentOverlapRoutes(store));
  app.route('/api/segments', segmentForecastRoutes(store));
  app.route('/api/campaigns', campaignRoutes(store));
  app.route('/api/campaigns', previewRoutes(store, options.templates));
  app.route('/api/campaigns', auditRoutes(store, options.templates));
  app.route('/api/campaigns', exportRoutes(store, options.templates));
  app.route('/api/campaigns', campaignForecastRoutes(store));
  app.route('/api/policies', policyRoutes(store));
  app.route('/api/dashboards', dashboardRoutes(store));
  app.route('/api/recommendations', recommendationRoutes(store));
  app.route('/api/templates', templateRoutes(store, options.templates));
  app.route('/api/imports', importRoutes(store, options.imports ?? null));
  app.all('/api/*', (c) =>
    c.json(
      errorBody('endpoint_not_found', `No endpoint ${c.req.method} ${c.req.path}.`, {
        method: c.req.method,
        path: c.req.path,
      }),
      404,
    ),
  );
  app.onError((error, c) => {
    if (error instanceof HttpError) return c.json(error.body, error.status);
    // The client went away and its work was stopped: nobody reads this answer, nothing to log.
    if (c.req.raw.signal.aborted)
      return c.json(errorBody('internal', 'The client went away.', {}), 500);
    if (options.logErrors !== false) console.error(error);
    return c.json(errorBody('internal', 'The server failed; the cause is in its log.', {}), 500);
  });
  return app;
}
