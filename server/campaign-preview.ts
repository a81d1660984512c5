// The per-recipient preview over a store: a campaign's recipients with every recipient's verdicts,
// and one customer's message beside the proof. Each recipient's message and verdicts are the
// domain's (recipientMessage, src/domain/guardrails/recipient.ts) over their whole history; the
// store only selects the pinned segment's members and supplies histories, a chunk at a time.
//
// The recipients' verdicts are one check per (campaign content, policy version, fit of the scores,
// saved segments' versions), kept, the latest per campaign: concurrent requests and audits share
// one check, a failed or cancelled one is not kept. The content leaves out what only records
// decisions or leaves recipients out (checkedKey): a remedy that excludes recipients reuses the
// check. A check counts its progress and stops between recipients when cancelled (an audit's
// DELETE). A new fit (a refit, a reload) is a new score book, which the recommendation statistics
// follow too (routes/recommendations.ts).
import type { CrossProfile } from '../src/domain/profile/cross-profile.ts';
import type { PreviewOffer, PreviewResponse, SavedCampaign } from '../src/api/contract.ts';
import { inHoldout } from '../src/domain/campaign/holdout.ts';
import { checkedKey, excludedIds } from '../src/domain/campaign/campaign.ts';
import { instantOf } from '../src/domain/campaign/send-time.ts';
import { withoutExcluded } from '../src/domain/guardrails/audit.ts';
import type { OfferTerms } from '../src/domain/guardrails/input.ts';
import {
  listedRecipient,
  recipientTotals,
  type ListedRecipient,
  type RecipientTotals,
} from '../src/domain/guardrails/recipient-list.ts';
import {
  RECIPIENT_SCOPE,
  recipientMessage,
  type RecipientCampaign,
  type Renderer,
} from '../src/domain/guardrails/recipient.ts';
import { historyRowCount, type CustomerHistory } from '../src/domain/profile/history.ts';
import type { SegmentDefinition } from '../src/domain/segment/definition.ts';
import { customerFacts } from '../src/domain/segment/facts.ts';
import type { SavedSegment } from '../src/domain/segment/saved.ts';
import { traceDefinition } from '../src/domain/segment/trace.ts';
import { validateDefinition } from '../src/domain/segment/validate.ts';
import type { TemplateScores } from '../src/domain/template/context.ts';
import { checkPoolOf } from './check-pool.ts';
import { bodyOfCampaign, campaignsOf, savedCampaignOf } from './documents/campaigns.ts';
import { currentPolicy, type PolicyInUse } from './documents/policies.ts';
import { httpError } from './http.ts';
import { productOf, recommendationContextOf } from './routes/recommendations.ts';
import { templateScores } from './routes/templates.ts';
import type { ScoreBook } from './scoring/score-book.ts';
import { customerScoreValues, type ScoreValue } from './scoring/score-fields.ts';
import type { NoModel } from './scoring/service.ts';
import { definitionsById, type ProfileStore } from './store.ts';

/** Members read from the store's selection per request. */
const MEMBER_PAGE = 10_000;
/** Histories per chunk while checking every recipient. */
const CHECK_CHUNK = 500;
/**
 * Recipients being checked at once: enough to keep the render workers busy while this thread
 * prepares the next messages, few enough that a preview asked meanwhile is not queued behind a
 * whole chunk's renders.
 */
const IN_FLIGHT = 8;
/**
 * Recipients checked between two turns given back to the event loop: a check whose renders resolve
 * at once (in this thread, in the browser's mock) must still let progress reads, a cancel and other
 * requests through.
 */
const YIELD_EVERY = 50;

/** Gives the event loop a turn: long per-member work in one thread lets other requests through. */
export const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * `work` on every item, at most `limit` at a time; the results in the items' order. Once `signal`
 * is aborted no item starts: what runs is awaited, then the abort's reason is thrown.
 */
async function inFlight<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
  signal: AbortSignal,
): Promise<R[]> {
  const results: Promise<R>[] = [];
  const running = new Set<Promise<unknown>>();
  for (const item of items) {
    if (running.size >= limit) await Promise.race(running);
    if (signal.aborted) break;
    const result = work(item);
    results.push(result);
    const settled: Promise<unknown> = result.then(
      () => running.delete(settled),
      () => running.delete(settled),
    );
    running.add(settled);
  }
  const all = await Promise.all(results);
  signal.throwIfAborted();
  return all;
}

export async function campaignOrNotFound(store: ProfileStore, id: string): Promise<SavedCampaign> {
  const document = await campaignsOf(store.documents).get(id);
  if (document === null) {
    throw httpError('campaign_not_found', `No campaign '${id}': it may have been deleted.`, {
      campaign_id: id,
    });
  }
  return savedCampaignOf(document);
}

/** The instant the campaign's messages leave: its send time, or the data's present without one. */
export function sendInstant(campaign: SavedCampaign, asOf: string): string {
  const ms = campaign.send_at === null ? null : instantOf(campaign.send_at, campaign.time_zone);
  return ms === null ? asOf : new Date(ms).toISOString();
}

export interface Pinned {
  definition: SegmentDefinition;
  /** Every saved segment now: membership conditions read their current definitions. */
  segments: readonly SavedSegment[];
}

/**
 * The pinned segment version's definition, or the 409 saying why the campaign has no
 * recipients: no segment, a version no longer recorded, or one naming what is gone.
 */
export async function pinnedSegment(store: ProfileStore, campaign: SavedCampaign): Promise<Pinned> {
  const { campaign_id, name, segment: pin } = campaign;
  if (pin === null) {
    throw httpError(
      'campaign_without_segment',
      `Campaign '${campaign_id}' targets no segment: it has no recipients.`,
      { campaign_id, name },
    );
  }
  const [version, segments, catalogue] = await Promise.all([
    store.segmentVersion(pin.segment_id, pin.version),
    store.savedSegments(),
    store.catalogue(),
  ]);
  const unavailable = (cause: 'version_gone' | 'invalid') =>
    httpError(
      'campaign_segment_unavailable',
      `Campaign '${campaign_id}' targets version ${pin.version} of segment '${pin.segment_id}', ` +
        (cause === 'version_gone'
          ? 'which is no longer recorded.'
          : 'which names a field or a segment that is gone.') +
        ' Pin it to the segment’s current version.',
      { campaign_id, name, segment_id: pin.segment_id, version: pin.version, cause },
    );
  if (version === null) throw unavailable('version_gone');
  const context = { catalogue, segments: definitionsById(segments) };
  if (!validateDefinition(version.definition, context).valid) throw unavailable('invalid');
  return { definition: version.definition, segments };
}

/** The store's score book, or null when the models cannot be fitted (a preview never fails on it). */
export async function scoreBookOf(store: ProfileStore): Promise<ScoreBook | null> {
  try {
    const book: ScoreBook | NoModel = await store.scoreBook();
    return 'unavailable' in book ? null : book;
  } catch {
    return null;
  }
}

export const templateScoresOf = (
  book: ScoreBook | null,
  customerId: string,
): TemplateScores | null =>
  book === null ? null : templateScores(book.customer(customerId).scores);

/** What every recipient's message is checked with. */
export async function recipientCampaign(
  store: ProfileStore,
  render: Renderer,
  campaign: SavedCampaign,
  policy: PolicyInUse,
): Promise<RecipientCampaign> {
  const [reference, recommendations] = await Promise.all([
    store.referenceRows(),
    recommendationContextOf(store),
  ]);
  return {
    body: campaign,
    reference,
    recommendations,
    policy: policy.policy,
    at: sendInstant(campaign, store.asOf),
    render,
  };
}

/** One check of a campaign's content: every member (holdout left out) with their verdicts. */
export interface Check {
  policy: PolicyInUse;
  at: string;
  /** Members at the pinned version less the holdout, in customer id order. */
  members: readonly ListedRecipient[];
  /** The members held out, in customer id order. */
  heldOut: readonly string[];
}

export interface CheckProgress {
  /** Members checked. */
  done: number;
  /** Members to check; null until they are read. */
  total: number | null;
  /** Rows of the histories read so far. */
  rows: number;
}

/** A check running or made: shared by the requests and audits that need it. */
export interface CheckRun {
  /** What it checks: the content (checkedKey), the policy version and the segments' versions. */
  key: string;
  generation: object;
  policy: PolicyInUse;
  campaignVersion: number;
  progress: CheckProgress;
  controller: AbortController;
  result: Promise<Check>;
  state: 'running' | 'done' | 'failed';
}

/** A definition's members now, in customer id order, read from the selection a page at a time. */
export async function memberIds(
  store: ProfileStore,
  definition: SegmentDefinition,
  signal?: AbortSignal,
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const page = await store.segmentSample(definition, MEMBER_PAGE, after);
    for (const { customer_id } of page) ids.push(customer_id);
    after = page.at(-1)?.customer_id;
    if (page.length < MEMBER_PAGE) return ids;
  }
}

/** The pinned segment's members now, in customer id order, less the campaign's holdout. */
export async function recipientIds(
  store: ProfileStore,
  campaign: SavedCampaign,
  definition: SegmentDefinition,
  signal?: AbortSignal,
): Promise<string[]> {
  return splitHoldout(campaign, await memberIds(store, definition, signal)).recipients;
}

/** Members (in customer id order) split into those the campaign holds out and the others. */
function splitHoldout(
  campaign: Pick<SavedCampaign, 'campaign_id' | 'holdout_share'>,
  members: readonly string[],
): { recipients: string[]; heldOut: string[] } {
  const recipients: string[] = [];
  const heldOut: string[] = [];
  for (const id of members) {
    (inHoldout(campaign.campaign_id, id, campaign.holdout_share) ? heldOut : recipients).push(id);
  }
  return { recipients, heldOut };
}

async function checkAll(
  store: ProfileStore,
  render: Renderer,
  campaign: SavedCampaign,
  policy: PolicyInUse,
  definition: SegmentDefinition,
  run: Pick<CheckRun, 'progress' | 'controller'>,
): Promise<Check> {
  const { signal } = run.controller;
  const [all, setting, book] = await Promise.all([
    memberIds(store, definition, signal),
    recipientCampaign(store, render, campaign, policy),
    scoreBookOf(store),
  ]);
  const { recipients: ids, heldOut } = splitHoldout(campaign, all);
  run.progress.total = ids.length;
  const scores = (id: string) => templateScoresOf(book, id);
  const pool = checkPoolOf(store);
  if (pool !== null && store.packedHistories !== undefined) {
    // The Node server: decoded and checked in its worker threads, read here.
    const { render, ...shared } = setting;
    void render;
    const members = await pool.check({
      setting: shared,
      chunks: store.packedHistories(ids, { chunkSize: CHECK_CHUNK, scope: RECIPIENT_SCOPE }),
      scores,
      progress: run.progress,
      signal,
    });
    return { policy, at: setting.at, members, heldOut };
  }
  const members: ListedRecipient[] = [];
  const read = { chunkSize: CHECK_CHUNK, scope: RECIPIENT_SCOPE };
  for await (const chunk of store.histories(ids, read)) {
    signal.throwIfAborted();
    for (const h of chunk) run.progress.rows += historyRowCount(h);
    const messages = await inFlight(
      chunk,
      IN_FLIGHT,
      async (h) => {
        const message = await recipientMessage(h, scores(h.customer.customer_id), setting);
        run.progress.done += 1;
        if (run.progress.done % YIELD_EVERY === 0) await nextTurn();
        return message;
      },
      signal,
    );
    chunk.forEach((h, i) => members.push(listedRecipient(h.customer, messages[i]?.verdicts ?? [])));
  }
  return { policy, at: setting.at, members, heldOut };
}

/** Per store, the latest check of each campaign. */
const runs = new WeakMap<ProfileStore, Map<string, CheckRun>>();

function runsOf(store: ProfileStore): Map<string, CheckRun> {
  const byCampaign = runs.get(store) ?? new Map<string, CheckRun>();
  runs.set(store, byCampaign);
  return byCampaign;
}

/** What a campaign's check is keyed by now, with what it reads. */
export async function checkKeyOf(
  store: ProfileStore,
  campaign: SavedCampaign,
): Promise<{ key: string; pinned: Pinned; policy: PolicyInUse; generation: object }> {
  const [pinned, policy, generation] = await Promise.all([
    pinnedSegment(store, campaign),
    currentPolicy(store.documents),
    store.scoreBook(),
  ]);
  const key = [
    checkedKey(bodyOfCampaign(campaign)),
    `${policy.policy_id}@${policy.version}`,
    ...pinned.segments.map((s) => `${s.segment_id}@${s.version}`),
  ].join('\u0000');
  return { key, pinned, policy, generation };
}

/**
 * The check of the campaign as it is now: the one running or made for the same key, or a new
 * one. `fresh` says which.
 */
export async function checkRunFor(
  store: ProfileStore,
  render: Renderer,
  campaign: SavedCampaign,
): Promise<{ run: CheckRun; fresh: boolean }> {
  const { key, pinned, policy, generation } = await checkKeyOf(store, campaign);
  const byCampaign = runsOf(store);
  const known = byCampaign.get(campaign.campaign_id);
  if (known !== undefined && known.key === key && known.generation === generation)
    return { run: known, fresh: false };
  const progress: CheckProgress = { done: 0, total: null, rows: 0 };
  const controller = new AbortController();
  const run: CheckRun = {
    key,
    generation,
    policy,
    campaignVersion: campaign.version,
    progress,
    controller,
    state: 'running',
    result: checkAll(store, render, campaign, policy, pinned.definition, { progress, controller }),
  };
  byCampaign.set(campaign.campaign_id, run);
  run.result.then(
    () => {
      run.state = 'done';
    },
    () => {
      run.state = 'failed';
      if (byCampaign.get(campaign.campaign_id) === run) byCampaign.delete(campaign.campaign_id);
    },
  );
  return { run, fresh: true };
}

/** Stops a running check: it reads and checks no one more, and is not kept. */
export function cancelRun(store: ProfileStore, campaignId: string, run: CheckRun): void {
  run.controller.abort(new Error('The check was cancelled.'));
  const byCampaign = runsOf(store);
  if (byCampaign.get(campaignId) === run) byCampaign.delete(campaignId);
}

export interface CheckedRecipients {
  campaign: SavedCampaign;
  policy: PolicyInUse;
  at: string;
  /** Members less the holdout and the excluded, in customer id order. */
  recipients: readonly ListedRecipient[];
  totals: RecipientTotals;
}

/**
 * Every recipient of the campaign as it is now with their verdicts: its check (computed once,
 * shared), less the recipients it excludes. A check cancelled meanwhile is made again.
 */
export async function checkedRecipients(
  store: ProfileStore,
  render: Renderer,
  campaignId: string,
): Promise<CheckedRecipients> {
  for (let attempt = 0; ; attempt += 1) {
    const campaign = await campaignOrNotFound(store, campaignId);
    const { run } = await checkRunFor(store, render, campaign);
    try {
      const check = await run.result;
      const recipients = withoutExcluded(check.members, excludedIds(campaign));
      return {
        campaign,
        policy: check.policy,
        at: check.at,
        recipients,
        totals: recipientTotals(recipients),
      };
    } catch (error: unknown) {
      if (!run.controller.signal.aborted || attempt > 0) throw error;
    }
  }
}

export function previewOfferOf(terms: OfferTerms): PreviewOffer {
  const { target } = terms;
  return {
    title: terms.title,
    sku: target.kind === 'product' ? target.sku : null,
    category: target.kind === 'category' ? target.category : (terms.product?.category ?? null),
    list_price_cents: terms.list_price_cents,
    price_cents: terms.price_cents,
    discount_cents: terms.discount_cents,
    discount_percent: terms.discount_percent,
    valid_from: terms.valid_from,
    valid_to: terms.valid_to,
  };
}

/** Whether the customer is a recipient, held out or not a member, and why: the pinned segment's trace. */
function membershipOf(
  store: ProfileStore,
  campaign: SavedCampaign,
  history: CustomerHistory,
  pinned: Pinned | null,
  book: ScoreBook | null,
  cross: CrossProfile,
): Pick<PreviewResponse, 'membership' | 'trace'> {
  if (pinned === null) return { membership: 'not_member', trace: [] };
  const id = history.customer.customer_id;
  const scores = book === null ? new Map<string, ScoreValue>() : customerScoreValues(book, id);
  const trace = traceDefinition(pinned.definition, customerFacts(history, scores, cross), {
    asOf: store.asOf,
    segments: definitionsById(pinned.segments),
  });
  const member = trace[0]?.held ?? false;
  return {
    membership: !member
      ? 'not_member'
      : inHoldout(campaign.campaign_id, id, campaign.holdout_share)
        ? 'holdout'
        : excludedIds(campaign).has(id)
          ? 'excluded'
          : 'recipient',
    trace,
  };
}

/**
 * One customer's message as the campaign would send it now, with its verdicts and why they are
 * (or are not) a recipient. Any customer may be previewed: one who left the segment since the
 * list was read says so (`not_member`). A campaign without a segment previews with no trace.
 */
export async function recipientPreview(
  store: ProfileStore,
  render: Renderer,
  campaignId: string,
  customerId: string,
  /** For a viewer: the message is shown rendered from masked personal data. */
  options: { masked?: boolean } = {},
): Promise<PreviewResponse> {
  // Read side by side; an unknown campaign is said before an unknown customer.
  const [campaign, history, policy, book] = await Promise.all([
    campaignOrNotFound(store, campaignId),
    store.history(customerId),
    currentPolicy(store.documents),
    scoreBookOf(store),
  ]);
  if (history === null) {
    throw httpError('customer_not_found', `No customer ${customerId}.`, {
      customer_id: customerId,
    });
  }
  const [pinned, setting, cross] = await Promise.all([
    campaign.segment === null ? null : pinnedSegment(store, campaign),
    recipientCampaign(store, render, campaign, policy),
    store.crossProfile(customerId),
  ]);
  const message = await recipientMessage(
    history,
    templateScoresOf(book, customerId),
    setting,
    options,
  );
  return {
    campaign_id: campaign.campaign_id,
    version: campaign.version,
    policy: { policy_id: policy.policy_id, version: policy.version },
    customer_id: customerId,
    ...membershipOf(store, campaign, history, pinned, book, cross),
    at: setting.at,
    render: message.render,
    offer: message.offer === null ? null : previewOfferOf(message.offer),
    recommendations: message.recommendations.map(productOf),
    verdicts: message.verdicts,
  };
}
