import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import { mockApi } from '../../../mocks/node.ts';
import type { CampaignAudit, RolloutPlanResponse, SavedCampaign } from '../../api/contract.ts';
import { emptyWave, type WaveCounts } from '../../domain/campaign/rollout.ts';
import { readyEmail } from '../../domain/campaign/campaign.fixture.ts';
import { emptyTallies } from '../../domain/guardrails/audit.ts';
import { renderAt } from '../../test/render.tsx';
import { saveTextFile } from '../../ui/download.ts';
import { CampaignAuditRoute } from './audit.tsx';

// Downloads are handed to the browser: here, only recorded.
vi.mock('../../ui/download.ts', () => ({ saveTextFile: vi.fn() }));

const routes = [{ path: '/campaigns/:campaignId/audit', element: <CampaignAuditRoute /> }];
const ID = 'cmp_coffret_noel';

beforeAll(() => mockApi.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mockApi.resetHandlers());
afterAll(() => mockApi.close());

const campaign: SavedCampaign = {
  ...readyEmail({ status: 'draft' }),
  campaign_id: ID,
  version: 3,
  author: 'Lise',
  created_at: '2026-11-14T15:12:00.000Z',
  updated_at: '2026-11-14T15:12:00.000Z',
};

function audit(over: Partial<CampaignAudit> = {}): CampaignAudit {
  const by_guardrail = emptyTallies();
  by_guardrail.meaningless_discount = { flagged: 1_365, blocking: 1_365 };
  by_guardrail.already_owned = { flagged: 61, blocking: 61 };
  by_guardrail.preference_mismatch = { flagged: 304, blocking: 0 };
  return {
    audit_id: 'aud_2',
    campaign_id: ID,
    campaign_version: 3,
    policy: { policy_id: 'default', version: 1 },
    by: 'Lise',
    started_at: '2026-11-16T09:00:00.000Z',
    finished_at: '2026-11-16T09:00:04.000Z',
    state: 'done',
    progress: { done: 1_365, total: 1_365, rows: 61_000 },
    at: '2026-11-16T00:00:00.000Z',
    counts: {
      members: 1_365,
      excluded: 0,
      recipients: 1_365,
      flagged: 1_365,
      blocked: 1_365,
      by_guardrail,
    },
    reused: false,
    current: true,
    error: null,
    ...over,
  };
}

const wave = (over: Partial<WaveCounts> & Pick<WaveCounts, 'wave'>): WaveCounts => ({
  ...emptyWave(over.wave),
  ...over,
});
const loyalFindings = emptyTallies();
loyalFindings.meaningless_discount = { flagged: 412, blocking: 412 };
loyalFindings.already_owned = { flagged: 40, blocking: 40 };
const plan: RolloutPlanResponse = {
  campaign_id: ID,
  campaign_version: 3,
  settings: { strategy: 'loyal_first', min_propensity_percentile: 80 },
  horizon_days: 30,
  scored: true,
  waves: [
    wave({
      wave: 'loyal',
      members: 460,
      holdout: 48,
      recipients: 412,
      scored: 412,
      expected_orders: 123.456,
      flagged: 412,
      blocked: 412,
      by_guardrail: loyalFindings,
    }),
    wave({ wave: 'rest', members: 1_057, holdout: 104, recipients: 953, scored: 700 }),
  ],
};

/** The audits the API lists, and what the writes received. */
function serve(audits: CampaignAudit[]) {
  const received: { path: string; body: unknown; ifMatch: string | null }[] = [];
  const record = async (request: Request) => {
    received.push({
      path: new URL(request.url).pathname,
      body: await request.json().catch(() => null),
      ifMatch: request.headers.get('if-match'),
    });
  };
  mockApi.use(
    http.get(`/api/campaigns/${ID}`, () => HttpResponse.json(campaign)),
    http.get(`/api/campaigns/${ID}/audits`, () => HttpResponse.json({ campaign_id: ID, audits })),
    http.get(`/api/campaigns/${ID}/rollout`, () => HttpResponse.json(plan)),
    http.post(`/api/campaigns/${ID}/audits`, async ({ request }) => {
      await record(request);
      return HttpResponse.json(audit({ audit_id: 'aud_3', state: 'running' }), { status: 202 });
    }),
    http.post(`/api/campaigns/${ID}/ready`, async ({ request }) => {
      await record(request);
      return HttpResponse.json(
        {
          error: {
            code: 'conflict',
            reason: 'campaign_blocked',
            message: 'blocked',
            params: {
              campaign_id: ID,
              name: 'Coffret',
              blocked: 1_365,
              guardrails: 'already_owned',
            },
          },
        },
        { status: 409 },
      );
    }),
  );
  return received;
}

test('the counts per guardrail, flagged first, with their share, severity and trend', async () => {
  serve([audit(), audit({ audit_id: 'aud_1', started_at: '2026-11-15T09:00:00.000Z' })]);
  renderAt(`/campaigns/${ID}/audit`, routes);
  const table = await screen.findByRole('table', { name: 'What each guardrail found' });
  const rows = within(table).getAllByRole('row');
  expect(rows).toHaveLength(12);
  expect(within(rows[1]!).getByRole('link', { name: 'Meaningless discount' })).toHaveAttribute(
    'href',
    `/campaigns/${ID}/preview?guardrail=meaningless_discount`,
  );
  expect(rows[1]).toHaveTextContent(/Blocks 1,365.*1,365.*100\.0%/);
  expect(rows[2]).toHaveTextContent(/Warns.*304.*22\.3%/);
  expect(within(rows[3]!).getByRole('img')).toHaveAccessibleName(
    'Already owned: 61 → 61 recipients flagged from one audit to the next',
  );
  expect(screen.getByText('1,365 blocked')).toBeVisible();
});

test('a run shows its progress; "ready" over blocked recipients sends the reason and shows a refusal', async () => {
  const user = userEvent.setup();
  const running = audit({
    state: 'running',
    counts: null,
    progress: { done: 400, total: 1_365, rows: 18_000 },
  });
  const received = serve([running]);
  renderAt(`/campaigns/${ID}/audit`, routes);
  const bar = await screen.findByRole('progressbar', { name: 'Audit progress' });
  expect(bar).toHaveAttribute('aria-valuenow', '400');
  expect(screen.getByText('400 of 1,365 recipients checked')).toBeVisible();
  expect(screen.getByRole('button', { name: 'Cancel the audit' })).toBeVisible();

  mockApi.resetHandlers();
  const after = serve([audit()]);
  await screen.findByRole('table', { name: 'What each guardrail found' }, { timeout: 3_000 });
  await user.click(screen.getByRole('button', { name: 'Mark ready despite the blocks' }));
  expect(await screen.findByRole('alert')).toHaveTextContent(
    '1,365 recipients are still blocked by a guardrail',
  );
  expect(after.at(-1)).toMatchObject({ path: `/api/campaigns/${ID}/ready` });
  // Who marks it ready is the signed-in caller: the body names nobody.
  expect(after.at(-1)?.body).toEqual({ audit_id: 'aud_2' });
  await user.type(
    screen.getByRole('textbox', { name: 'Reason for the exception' }),
    'Validé par la direction',
  );
  await user.click(screen.getByRole('button', { name: 'Mark ready despite the blocks' }));
  await waitFor(() =>
    expect(after.at(-1)?.body).toEqual({
      audit_id: 'aud_2',
      override_reason: 'Validé par la direction',
    }),
  );
  expect(after.at(-1)?.ifMatch).toBe('"3"');
  expect(received).toEqual([]);
});

test('the rollout plan: each wave with its holdout, recipients, expected orders and findings', async () => {
  serve([audit()]);
  renderAt(`/campaigns/${ID}/audit`, routes);
  const table = await screen.findByRole('table', { name: 'Rollout in waves' });
  const rows = within(table).getAllByRole('row');
  expect(rows).toHaveLength(3);
  expect(rows[1]).toHaveTextContent(
    /1\. Loyal\s*Meaningless discount 412 · Already owned 40\s*460\s*48\s*0\s*412\s*123\.5\s*412\s*412/,
  );
  expect(rows[2]).toHaveTextContent(/2\. The rest\s*1,057\s*104\s*0\s*953\s*0\.0\s*0\s*0/);
  expect(screen.getByText(/30-day propensity from the 80th percentile/)).toBeVisible();
  // Not ready: nothing to export yet.
  expect(within(table).queryByRole('button')).toBeNull();
});

test('a ready campaign exports each wave on its own', async () => {
  const user = userEvent.setup();
  serve([audit()]);
  const ready: SavedCampaign = {
    ...campaign,
    status: 'ready',
    readiness: { audit_id: 'aud_2', by: 'Lise', at: '2026-11-16T10:00:00.000Z', override: null },
  };
  let asked: string | null = null;
  mockApi.use(
    http.get(`/api/campaigns/${ID}`, () => HttpResponse.json(ready)),
    http.get(`/api/campaigns/${ID}/export`, ({ request }) => {
      asked = new URL(request.url).search;
      return HttpResponse.text('# Tact export\r\ncustomer_id\r\n');
    }),
  );
  renderAt(`/campaigns/${ID}/audit`, routes);
  await user.click(await screen.findByRole('button', { name: 'Export the “Loyal” wave as CSV' }));
  await waitFor(() =>
    expect(saveTextFile).toHaveBeenCalledWith(
      `${ID}-v3-loyal.csv`,
      '# Tact export\r\ncustomer_id\r\n',
      'text/csv;charset=utf-8',
    ),
  );
  expect(asked).toBe('?format=csv&wave=loyal');
});
