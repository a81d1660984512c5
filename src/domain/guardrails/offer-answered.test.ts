import { describe, expect, test } from 'vitest';
import type { OfferResponse } from '../profile/schema.ts';
import {
  AT,
  DUNE,
  historyOf,
  inputOf,
  OFFER_BOX,
  OFFER_DUNE,
  OFFER_DVD,
  OFFER_FILMS,
  OFFER_GAMES,
  OFFER_GHOST,
  OFFER_WII,
  type InputSpec,
} from './offer.fixture.ts';
import { answeredElsewhere } from './offer-answered.ts';
import { verdict } from './verdict.ts';

const DAY = 86_400_000;
/** An instant `days` (may be fractional) before the send. */
const before = (days: number) => new Date(Date.parse(AT) - days * DAY).toISOString();
const answer = (over: Partial<OfferResponse> = {}): Partial<OfferResponse> => ({
  offer_id: OFFER_BOX.offer_id,
  channel: 'store',
  response: 'accepted',
  at: before(1),
  ...over,
});
const check = (responses: Partial<OfferResponse>[], spec: InputSpec = {}) =>
  answeredElsewhere(inputOf({ history: historyOf({ responses }), ...spec }));
const ids = (responses: Partial<OfferResponse>[], spec: InputSpec = {}) =>
  check(responses, spec).map((v) => v.evidence[0]);
const films = { target: { kind: 'category' as const, category: 'films' as const } };

describe('answered_elsewhere', () => {
  test('accepted in store the day before the e-mail', () => {
    const verdicts = check([answer({ at: '2026-11-30T17:00:00.000Z' })]);
    expect(verdicts).toEqual([
      {
        guardrail: 'answered_elsewhere',
        severity: 'block',
        params: {
          response: 'accepted',
          offer_id: OFFER_BOX.offer_id,
          offer_title: OFFER_BOX.title,
          channel: 'store',
          at: '2026-11-30T17:00:00.000Z',
          days_before: 0,
          window_days: 30,
        },
        evidence: [
          { kind: 'entry', entry_kind: 'offer_response', id: 'R1', at: '2026-11-30T17:00:00.000Z' },
        ],
      },
    ]);
    for (const v of verdicts) verdict.parse(v);
  });

  test('declined on the phone counts as well', () => {
    const [v] = check([answer({ response: 'declined', channel: 'call_centre', at: before(4.5) })]);
    expect(v?.params).toMatchObject({
      response: 'declined',
      channel: 'call_centre',
      days_before: 4,
    });
  });

  test('the window is (send − 30 days, send]: exactly 30 days before is out, a millisecond later in', () => {
    expect(check([answer({ at: before(30) })])).toEqual([]);
    const [edge] = check([answer({ at: new Date(Date.parse(before(30)) + 1).toISOString() })]);
    expect(edge?.params.days_before).toBe(29);
    expect(check([answer({ at: AT })])).toHaveLength(1);
    expect(check([answer({ at: '2026-12-01T08:30:00.001Z' })])).toEqual([]);
  });

  test('the window is the policy’s', () => {
    const policy = { answered_window_days: 7 };
    expect(check([answer({ at: before(7) })], { policy })).toEqual([]);
    const [v] = check([answer({ at: before(6.5) })], { policy });
    expect(v?.params).toMatchObject({ days_before: 6, window_days: 7 });
  });

  test('an answer on the campaign’s own channel is not elsewhere', () => {
    expect(check([answer({ channel: 'email' })])).toEqual([]);
    expect(check([answer({ channel: 'email' })], { channel: 'sms' })).toHaveLength(1);
    expect(check([answer({ channel: 'sms' })], { channel: 'sms' })).toEqual([]);
  });

  test('another edition of the same work: an answer on the DVD offer blocks the box set', () => {
    expect(ids([answer({ offer_id: OFFER_DVD.offer_id })])).toHaveLength(1);
  });

  test('another product, or a product without a work, is another offer', () => {
    expect(check([answer({ offer_id: OFFER_DUNE.offer_id })])).toEqual([]);
    expect(check([answer({ offer_id: OFFER_GHOST.offer_id })])).toEqual([]);
    // Dune has no work: only its own offer matches.
    const dune = { offer: { target: { kind: 'product' as const, sku: DUNE.sku } } };
    expect(check([answer({ offer_id: OFFER_DUNE.offer_id })], dune)).toHaveLength(1);
    expect(check([answer({ offer_id: OFFER_GHOST.offer_id })], dune)).toEqual([]);
    expect(check([answer({ offer_id: OFFER_FILMS.offer_id })], dune)).toEqual([]);
    expect(check([answer({ offer_id: OFFER_WII.offer_id })], dune)).toEqual([]);
  });

  test('a sku the catalogue lacks matches its own offer by sku', () => {
    const ghost = { offer: { target: { kind: 'product' as const, sku: 'XX-GHOST' } } };
    expect(check([answer({ offer_id: OFFER_GHOST.offer_id })], ghost)).toHaveLength(1);
    expect(check([answer({ offer_id: OFFER_BOX.offer_id })], ghost)).toEqual([]);
  });

  test('a category offer matches an answered offer on the same category only', () => {
    expect(check([answer({ offer_id: OFFER_FILMS.offer_id })], { offer: films })).toHaveLength(1);
    expect(check([answer({ offer_id: OFFER_GAMES.offer_id })], { offer: films })).toEqual([]);
    // A product offer on a film is not the films category's offer.
    expect(check([answer({ offer_id: OFFER_BOX.offer_id })], { offer: films })).toEqual([]);
  });

  test('an answer to an offer the reference lacks matches nothing', () => {
    expect(check([answer({ offer_id: 'OF-UNKNOWN' })])).toEqual([]);
  });

  test('no offer in the campaign, nothing to have answered', () => {
    expect(check([answer()], { offer: null })).toEqual([]);
  });

  test('only the latest answer is reported; at one instant, the one recorded later', () => {
    const verdicts = check([
      answer({ at: before(3), response: 'declined' }),
      answer({ at: before(1), response: 'accepted' }),
      answer({ at: before(2) }),
      answer({ at: before(40) }),
    ]);
    expect(verdicts.map((v) => [v.evidence[0], v.params.response])).toEqual([
      [expect.objectContaining({ id: 'R2' }), 'accepted'],
    ]);
    expect(ids([answer({ at: before(2) }), answer({ at: before(2) })])).toEqual([
      expect.objectContaining({ id: 'R2' }),
    ]);
    // A later answer on the campaign's channel or to another offer does not hide an earlier one.
    expect(
      ids([
        answer({ at: before(3) }),
        answer({ at: before(1), channel: 'email' }),
        answer({ at: before(1), offer_id: OFFER_DUNE.offer_id }),
      ]),
    ).toEqual([expect.objectContaining({ id: 'R1' })]);
  });

  test('another customer’s answer in the history is not theirs', () => {
    expect(check([answer({ customer_id: 'C2' })])).toEqual([]);
  });

  test('refuses a history without its offer responses', () => {
    const history = { ...historyOf(), scope: { tables: ['orders' as const], since: null } };
    expect(() => answeredElsewhere(inputOf({ history }))).toThrow(/lacks offer_responses/);
  });
});
