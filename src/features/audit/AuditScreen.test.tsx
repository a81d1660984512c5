// What a role may not do, the audit screen says before the server does: a viewer reads the findings
// and downloads the flagged recipients, and running, cancelling, a remedy, "ready" and the export
// for the sending platform are disabled with the role they need, sending nothing.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { mockApi } from '../../../mocks/node.ts';
import type { CampaignAudit, RolloutPlanResponse, SavedCampaign } from '../../api/contract.ts';
import { readyEmail } from '../../domain/campaign/campaign.fixture.ts';
import { emptyWave } from '../../domain/campaign/rollout.ts';
import { emptyTallies } from '../../domain/guardrails/audit.ts';
import { renderAt } from '../../test/render.tsx';
import { recordWrites, settle } from '../../test/writes.ts';
import { saveTextFile } from '../../ui/download.ts';
import { RoleProvider, type Role } from '../../ui/permissions.tsx';
import { AuditScreen } from './AuditScreen.tsx';

// Downloads are handed to the browser: here, only recorded.
vi.mock('../../ui/download.ts', () => ({ saveTextFile: vi.fn() }));

beforeAll(() => mockApi.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  mockApi.resetHandlers();
  vi.mocked(saveTextFile).mockClear();
});
afterAll(() => mockApi.close());

const ID = 'cmp_soldes';
const EDITORS_ONLY = 'Editors only: you are a viewer.';

const draft: SavedCampaign = {
  ...readyEmail({ status: 'draft' }),
  campaign_id: ID,
  version: 3,
  author: 'Lise',
  created_at: '2026-11-14T15:12:00.000Z',
  updated_at: '2026-11-14T15:12:00.000Z',
};
const ready: SavedCampaign = {
  ...draft,
  status: 'ready',
  readiness: { audit_id: 'aud_2', by: 'Lise', at: '2026-11-16T10:00:00.000Z', override: null },
};

function audit(over: Partial<CampaignAudit> = {}): CampaignAudit {
  const by_guardrail = emptyTallies();
  by_guardrail.already_owned = { flagged: 61, blocking: 61 };
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
      flagged: 61,
      blocked: 61,
      by_guardrail,
    },
    reused: false,
    current: true,
    error: null,
    ...over,
  };
}

const plan: RolloutPlanResponse = {
  campaign_id: ID,
  campaign_version: 3,
  settings: { strategy: 'loyal_first', min_propensity_percentile: 80 },
  horizon_days: 30,
  scored: true,
  waves: [{ ...emptyWave('rest'), members: 1_365, recipients: 1_365 }],
};

/** The audits the API lists; every write the screen sends is recorded (and accepted). */
function serve(audits: CampaignAudit[]): string[] {
  const writes = recordWrites();
  mockApi.use(
    http.get(`/api/campaigns/${ID}/audits`, () => HttpResponse.json({ campaign_id: ID, audits })),
    http.get(`/api/campaigns/${ID}/rollout`, () => HttpResponse.json(plan)),
    http.get(`/api/campaigns/${ID}/export`, () => HttpResponse.text('customer_id\r\n')),
    http.post(`/api/campaigns/${ID}/audits`, () =>
      HttpResponse.json(audit({ audit_id: 'aud_3', state: 'running' }), { status: 202 }),
    ),
  );
  return writes;
}

function openAs(role: Role, campaign: SavedCampaign) {
  return renderAt('/audit', [
    {
      path: '/audit',
      element: (
        <RoleProvider role={role}>
          <AuditScreen campaign={campaign} onCampaign={vi.fn()} drillDown={() => '/preview'} />
        </RoleProvider>
      ),
    },
  ]);
}

function expectRefused(control: HTMLElement) {
  expect(control).toBeDisabled();
  expect(control).toHaveAccessibleDescription(EDITORS_ONLY);
  expect(control).toHaveAttribute('title', EDITORS_ONLY);
}

describe('a viewer on the audit screen', () => {
  test('reads the findings; running, a remedy and "ready" are disabled, saying who may', async () => {
    const writes = serve([audit()]);
    const user = userEvent.setup();
    openAs('viewer', draft);
    const table = await screen.findByRole('table', { name: 'What each guardrail found' });
    const refused = [
      screen.getByRole('button', { name: 'Run the audit again' }),
      within(table).getByRole('button', { name: 'Exclude the flagged (Already owned)' }),
      screen.getByRole('button', { name: 'Mark ready despite the blocks' }),
    ];
    for (const control of refused) expectRefused(control);
    for (const control of refused) await user.click(control);
    await settle();
    expect(writes).toEqual([]);
    // The flagged recipients as a file are a read: open to everyone.
    expect(
      within(table).getByRole('button', { name: 'Download the flagged as CSV (Already owned)' }),
    ).toBeEnabled();
  });

  test('cannot cancel a running audit', async () => {
    serve([audit({ state: 'running', counts: null, progress: { done: 4, total: 9, rows: 9 } })]);
    openAs('viewer', draft);
    expectRefused(await screen.findByRole('button', { name: 'Cancel the audit' }));
  });

  test('cannot export a ready campaign for sending, whole or by wave', async () => {
    const writes = serve([audit()]);
    const user = userEvent.setup();
    openAs('viewer', ready);
    const exports = [
      await screen.findByRole('button', { name: 'Export (CSV)' }),
      screen.getByRole('button', { name: 'Export (JSON Lines)' }),
      await screen.findByRole('button', { name: 'Export the “The rest” wave as CSV' }),
    ];
    for (const control of exports) expectRefused(control);
    for (const control of exports) await user.click(control);
    await settle();
    expect(saveTextFile).not.toHaveBeenCalled();
    expect(writes).toEqual([]);
  });
});

describe('an editor on the audit screen', () => {
  test('runs the audit, applies remedies, marks ready and exports', async () => {
    const writes = serve([audit()]);
    const user = userEvent.setup();
    openAs('editor', draft);
    const table = await screen.findByRole('table', { name: 'What each guardrail found' });
    for (const control of [
      within(table).getByRole('button', { name: 'Exclude the flagged (Already owned)' }),
      screen.getByRole('button', { name: 'Mark ready despite the blocks' }),
    ]) {
      expect(control).toBeEnabled();
      expect(control).not.toHaveAccessibleDescription(EDITORS_ONLY);
    }
    await user.click(screen.getByRole('button', { name: 'Run the audit again' }));
    await waitFor(() => expect(writes).toEqual([`POST /api/campaigns/${ID}/audits`]));
  });

  test('exports a ready campaign', async () => {
    serve([audit()]);
    const user = userEvent.setup();
    openAs('editor', ready);
    await user.click(await screen.findByRole('button', { name: 'Export (CSV)' }));
    await waitFor(() => expect(saveTextFile).toHaveBeenCalledTimes(1));
  });
});
