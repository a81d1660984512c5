// The pre-send audit end to end, in French, on the demo campaign (the box set to the film buyers of
// the last 12 months): a marketer runs the audit and watches its progress; every guardrail's count
// and flagged customers are the ones this test works out from the generated rows and the manifest
// (e2e/audit-expect.ts, never the guardrail code); a flagged recipient opens in the preview with the
// proof highlighted; two one-click remedies (exclude the owners, raise the discount to the
// threshold) leave the audit clean of both; a send time is planned; "ready" is refused without a
// reason over the remaining blocks and granted with one; the export holds exactly the recipients
// left — no holdout, no exclusion — with the preview's messages.
import type { Locator, Page } from '@playwright/test';
import { E2E_DEMO_CUSTOMERS, DEMO_SEED } from '../mocks/demo.ts';
import { DEMO_AS_OF, PROMOTED_SKU, generateDataset } from '../mocks/seed/index.ts';
import { DEMO_CAMPAIGN_ID } from '../mocks/seed/marketing.ts';
import { expectedAudit, plantedAmong, type Expected } from './audit-expect.ts';
import { downloadedText, expect, test } from './fixtures.ts';

const AUDIT = `/campaigns/${DEMO_CAMPAIGN_ID}/audit`;
const API = `/api/campaigns/${DEMO_CAMPAIGN_ID}`;
/** Planned in the editor: two days after as-of, 10:00 in Paris (09:00 UTC). */
const SEND_AT = { local: '2026-11-18T10:00', instant: '2026-11-18T09:00:00.000Z' };

const generated = generateDataset({
  seed: DEMO_SEED,
  customers: E2E_DEMO_CUSTOMERS,
  asOf: DEMO_AS_OF,
});
const expectAt = (at: string): Expected =>
  expectedAudit(generated.dataset, generated.manifest, {
    campaignId: DEMO_CAMPAIGN_ID,
    holdoutShare: 0.1,
    sku: PROMOTED_SKU,
    asOf: DEMO_AS_OF,
    at,
  });

/** A text body fetched in the page: the mocked API lives there. */
async function fetchText(page: Page, path: string, init?: RequestInit): Promise<string> {
  return page.evaluate(
    async ([p, i]) => {
      // A change carries the session's anti-forgery token, as the app's own client sends it.
      const csrf = /(?:^|;\s*)tact_csrf=([^;]*)/.exec(document.cookie)?.[1];
      const headers = new Headers(i?.headers);
      if (csrf !== undefined && (i?.method ?? 'GET') !== 'GET') headers.set('x-csrf-token', csrf);
      const response = await fetch(p, { ...i, headers });
      return `${response.status}\n${await response.text()}`;
    },
    [path, init] as const,
  );
}

async function fetchJson(page: Page, path: string, init?: RequestInit): Promise<unknown> {
  const text = await fetchText(page, path, init);
  const [status, ...body] = text.split('\n');
  expect(Number(status), `${path} answered ${status}`).toBeLessThan(300);
  return JSON.parse(body.join('\n'));
}

/** RFC 4180 fields, quotes and line breaks inside quotes included. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** The customer ids of a drill-down CSV (the flagged of one guardrail, or every recipient). */
async function csvIds(page: Page, query = ''): Promise<Set<string>> {
  const text = await fetchText(page, `${API}/recipients.csv${query}`);
  const [status, ...body] = text.split('\n');
  expect(status).toBe('200');
  return new Set(
    parseCsv(body.join('\n'))
      .slice(1)
      .map((r) => r[0] ?? ''),
  );
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

/** The audit table's row of a guardrail. */
const guardrailRow = (page: Page, name: string) =>
  page.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });

async function flaggedIn(page: Page, name: string): Promise<number> {
  const text = await guardrailRow(page, name).getByRole('cell').nth(2).innerText();
  return Number(text.replace(/\D/g, ''));
}

async function expectFlagged(page: Page, name: string, count: number) {
  await expect.poll(() => flaggedIn(page, name), { message: name }).toBe(count);
}

/** Waits for the audit under way to end, as the screen shows it. */
async function auditDone(page: Page) {
  await expect(page.getByRole('progressbar', { name: 'Avancement de l’audit' })).toHaveCount(0, {
    timeout: 90_000,
  });
  await expect(page.getByRole('button', { name: 'Relancer l’audit' })).toBeEnabled({
    timeout: 30_000,
  });
}

const campaignVersion = async (page: Page) =>
  ((await fetchJson(page, API)) as { version: number }).version;

test('audits the demo campaign, fixes it in two clicks, marks it ready and exports it', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto(`/campaigns/${DEMO_CAMPAIGN_ID}`);
  // Once the editor shows, the mocked API (a service worker) answers the page's own requests.
  await expect(page.getByRole('link', { name: 'Audit avant envoi' })).toBeVisible();
  const startVersion = await campaignVersion(page);
  try {
    await journey(page);
  } finally {
    // The real server keeps the campaign for the next specs: put its content back as it was.
    const now = await campaignVersion(page);
    if (now !== startVersion) {
      await fetchJson(page, `${API}/versions/${startVersion}/restore`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'if-match': `"${now}"` },
        body: JSON.stringify({}),
      });
    }
  }
});

async function journey(page: Page) {
  const asOf = expectAt(DEMO_AS_OF);
  const f = asOf.flagged;
  // The planted stories are among what the rows say.
  expect(f.answered_elsewhere).toEqual(
    plantedAmong(generated.manifest, 'box_set_declined_in_store', asOf.recipients),
  );
  // A handful at the e2e size (4 of 1,000 customers): enough to tell them from anyone else.
  expect(f.answered_elsewhere.size).toBeGreaterThan(2);
  for (const [story, set] of [
    ['promoted_box_set_in_store', f.already_owned],
    ['promoted_box_set_online', f.already_owned],
    ['contact_pressure', f.contact_pressure],
    ['email_consent_withdrawn', f.no_consent],
  ] as const) {
    const planted = plantedAmong(generated.manifest, story, asOf.recipients);
    expect(planted.size, story).toBeGreaterThan(0);
    for (const id of planted) expect(set.has(id), `${story} ${id}`).toBe(true);
  }

  // The campaign opens its audit, which has never run.
  await page.getByRole('link', { name: 'Audit avant envoi' }).click();
  await expect(page).toHaveURL(new RegExp(`${AUDIT}$`));
  await page.getByRole('button', { name: 'Lancer l’audit' }).click();
  await expect(page.getByRole('progressbar', { name: 'Avancement de l’audit' })).toBeVisible();
  await auditDone(page);

  // Who receives it: the film buyers less the holdout, as worked out here.
  expect(sorted(await csvIds(page))).toEqual(sorted(asOf.recipients));
  const n = asOf.recipients.size;
  await expect(
    page.getByText(`${n.toLocaleString('fr-FR')} destinataires`, { exact: true }),
  ).toBeVisible();
  await expectFlagged(page, 'Remise dérisoire', n);
  await expectFlagged(page, 'Déjà acheté', f.already_owned.size);
  await expectFlagged(page, 'Déjà répondu ailleurs', f.answered_elsewhere.size);
  await expectFlagged(page, 'Pression marketing', f.contact_pressure.size);
  await expectFlagged(page, 'Sans consentement', f.no_consent.size);
  // Exactly those customers, not only as many.
  for (const [guardrail, ids] of Object.entries(f)) {
    expect(sorted(await csvIds(page, `?guardrail=${guardrail}`)), guardrail).toEqual(sorted(ids));
  }

  // The drill-down opens the preview on a box-set owner, the purchase highlighted.
  await guardrailRow(page, 'Déjà acheté')
    .getByRole('link', { name: `Voir les ${f.already_owned.size}` })
    .click();
  await expect(page).toHaveURL(/\/preview\/C\d+\?guardrail=already_owned$/);
  const shown = /\/preview\/(C\d+)/.exec(page.url())?.[1] ?? '';
  expect(f.already_owned.has(shown)).toBe(true);
  const highlighted = page
    .getByRole('list', { name: 'Entrées de l’historique' })
    .locator(':scope > li[aria-current="true"]');
  await expect(highlighted).toHaveCount(1);
  await expect(highlighted).toBeInViewport();
  const boxSetOrders = new Set(
    generated.dataset.order_lines.filter((l) => l.sku === PROMOTED_SKU).map((l) => l.order_id),
  );
  const owned = generated.dataset.orders
    .filter((o) => o.customer_id === shown && boxSetOrders.has(o.order_id))
    .map((o) => o.placed_at);
  expect(owned.length).toBeGreaterThan(0);
  await expect(highlighted.locator('time').first()).toHaveAttribute(
    'datetime',
    sorted(owned).at(-1) ?? '',
  );

  // Two remedies, one click each; the audit reruns after each.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`${AUDIT}$`));
  await page.getByRole('button', { name: 'Exclure les signalés (Déjà acheté)' }).click();
  await auditDone(page);
  await expectFlagged(page, 'Déjà acheté', 0);
  await expect(
    page.getByText(`${f.already_owned.size.toLocaleString('fr-FR')} exclus`, { exact: true }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Remise au seuil (Remise dérisoire)' }).click();
  await auditDone(page);
  await expectFlagged(page, 'Remise dérisoire', 0);
  await expectFlagged(page, 'Déjà acheté', 0);
  const left = (ids: Set<string>) => [...ids].filter((id) => !f.already_owned.has(id)).length;
  await expectFlagged(page, 'Sans consentement', left(f.no_consent));

  // Ready needs a send time: planned in the editor, which returns the audit to stale.
  await page.getByRole('link', { name: 'Retour à la campagne' }).click();
  const remedied = await campaignVersion(page);
  await page.getByLabel('Envoi prévu').fill(SEND_AT.local);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect.poll(() => campaignVersion(page)).toBe(remedied + 1);
  await page.getByRole('link', { name: 'Audit avant envoi' }).click();
  await expect(page.getByText(/La campagne, sa politique ou son segment ont changé/)).toBeVisible();
  await page.getByRole('button', { name: 'Relancer l’audit' }).click();
  await auditDone(page);

  // At the send time, the rows say who is still blocked; the owners stay excluded.
  const atSend = expectAt(SEND_AT.instant);
  const excluded = f.already_owned;
  const remaining = (ids: Set<string>) => new Set([...ids].filter((id) => !excluded.has(id)));
  await expectFlagged(
    page,
    'Déjà répondu ailleurs',
    remaining(atSend.flagged.answered_elsewhere).size,
  );
  await expectFlagged(page, 'Pression marketing', remaining(atSend.flagged.contact_pressure).size);
  await expectFlagged(page, 'Sans consentement', remaining(atSend.flagged.no_consent).size);

  // Ready over blocks: refused without a reason, granted with one.
  const ready = page.getByRole('button', { name: 'Déclarer prête malgré les blocages' });
  await ready.click();
  await expect(
    page.getByRole('alert').filter({ hasText: /encore bloqués|still blocked/ }),
  ).toBeVisible();
  await expect(page.getByText('Brouillon', { exact: true })).toBeVisible();
  await page
    .getByRole('textbox', { name: 'Raison de l’exception' })
    .fill('Validé par la direction : les clients sans consentement seront retirés par le routeur.');
  await ready.click();
  await expect(page.getByRole('status').filter({ hasText: /Déclarée prête par/ })).toBeVisible();

  // The export: exactly the recipients left, with the header naming what was checked.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter (CSV)' }).click();
  const csv = await downloadedText(await downloading);
  const [first = '', ...rest] = csv.split('\r\n');
  expect(first).toMatch(
    new RegExp(`^# Tact export: campaign ${DEMO_CAMPAIGN_ID} version \\d+, policy .+, audit \\S+`),
  );
  const rows = parseCsv(rest.join('\r\n'));
  const header = rows[0] ?? [];
  const exported = rows.slice(1).map((r) => r[0] ?? '');
  const expectedIds = [...atSend.recipients].filter((id) => !excluded.has(id));
  expect(sorted(exported)).toEqual(sorted(expectedIds));
  for (const id of exported) {
    expect(atSend.holdout.has(id)).toBe(false);
    expect(excluded.has(id)).toBe(false);
  }

  // Every exported message is the preview's: the JSON Lines export against the preview, sampled
  // across the list, and the CSV's subject against the JSON Lines.
  const jsonl = await fetchText(page, `${API}/export?format=jsonl`);
  const [status, head = '', ...lines] = jsonl.split('\n').filter((l) => l !== '');
  expect(status).toBe('200');
  expect(JSON.parse(head)).toHaveProperty('export.recipients', expectedIds.length);
  const messages = new Map(
    lines.map((l) => {
      const line = JSON.parse(l) as { customer_id: string; message: unknown };
      return [line.customer_id, line.message] as const;
    }),
  );
  expect(messages.size).toBe(expectedIds.length);
  const subjectAt = header.indexOf('subject');
  for (const row of rows.slice(1)) {
    const message = messages.get(row[0] ?? '') as { subject?: string } | undefined;
    expect(row[subjectAt]).toBe(message?.subject);
  }
  const sample = sorted(exported).filter((_, i, all) => i % Math.ceil(all.length / 12) === 0);
  for (const id of sample) {
    const preview = (await fetchJson(page, `${API}/preview/${id}`)) as {
      render: { ok: boolean; message?: unknown };
    };
    expect(preview.render.ok).toBe(true);
    expect(messages.get(id), id).toEqual(preview.render.message);
  }

  await rolloutAddsUp(page, {
    members: atSend.members.size,
    holdout: atSend.holdout.size,
    excluded: [...atSend.recipients].filter((id) => excluded.has(id)).length,
    exported,
  });
}

/** A count as the screen writes it (`1 377`). */
const countIn = async (cell: Locator) => Number((await cell.innerText()).replace(/\D/g, ''));

/**
 * The rollout plan: the loyal first, then the rest; its members, holdouts, exclusions and
 * recipients add up to what the test worked out from the rows; each wave's export holds its
 * recipients, and the two exports are the whole export, each recipient once.
 */
async function rolloutAddsUp(
  page: Page,
  expected: { members: number; holdout: number; excluded: number; exported: string[] },
) {
  const table = page.getByRole('table', { name: 'Déploiement par vagues' });
  const rows = table.getByRole('row');
  await expect(rows).toHaveCount(3);
  const waves: { members: number; holdout: number; excluded: number; recipients: number }[] = [];
  for (const [i, name] of [
    [1, 'Fidèles'],
    [2, 'Les autres'],
  ] as const) {
    const cells = rows.nth(i).getByRole('cell');
    await expect(cells.first()).toContainText(`${i}. ${name}`);
    waves.push({
      members: await countIn(cells.nth(1)),
      holdout: await countIn(cells.nth(2)),
      excluded: await countIn(cells.nth(3)),
      recipients: await countIn(cells.nth(4)),
    });
  }
  const sum = (key: 'members' | 'holdout' | 'excluded' | 'recipients') =>
    waves.reduce((total, w) => total + w[key], 0);
  expect(sum('members')).toBe(expected.members);
  expect(sum('holdout')).toBe(expected.holdout);
  expect(sum('excluded')).toBe(expected.excluded);
  expect(sum('recipients')).toBe(expected.exported.length);
  expect(waves[0]?.recipients).toBeGreaterThan(0);
  expect(waves[1]?.recipients).toBeGreaterThan(0);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter la vague « Fidèles » en CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^${DEMO_CAMPAIGN_ID}-v\\d+-loyal\\.csv$`),
  );
  const loyalCsv = await downloadedText(download);
  expect(loyalCsv.split('\r\n')[0]).toContain(`wave loyal, ${waves[0]?.recipients} recipients`);
  const loyal = parseCsv(loyalCsv.split('\r\n').slice(1).join('\r\n'))
    .slice(1)
    .map((r) => r[0] ?? '');
  const [status, ...restCsv] = (await fetchText(page, `${API}/export?wave=rest`)).split('\n');
  expect(status).toBe('200');
  const rest = parseCsv(restCsv.join('\n').split('\r\n').slice(1).join('\r\n'))
    .slice(1)
    .map((r) => r[0] ?? '');
  expect([loyal.length, rest.length]).toEqual([waves[0]?.recipients, waves[1]?.recipients]);
  expect(sorted([...loyal, ...rest])).toEqual(sorted(expected.exported));
}
