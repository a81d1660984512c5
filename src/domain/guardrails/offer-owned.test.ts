import { describe, expect, test } from 'vitest';
import { identityRow } from '../profile/history.fixture.ts';
import {
  AT,
  BLU_RAY,
  BOARD,
  BOWLING,
  BOX_SET,
  CARD,
  DUNE,
  DVD,
  historyOf,
  inputOf,
  WII,
  WII_FIT,
  type OrderSpec,
} from './offer.fixture.ts';
import { alreadyOwned, ownedBaseProduct } from './offer-owned.ts';
import { verdict } from './verdict.ts';

const STORE_ORDER: OrderSpec = {
  id: 'O-BOX',
  at: '2026-10-26T15:00:00.000Z',
  store: 'S-LYON',
  lines: [{ sku: BOX_SET.sku }],
};
const withOrders = (...orders: OrderSpec[]) => historyOf({ orders, identities: [CARD] });
const skus = (list: { params: { sku: string } }[]) => list.map((v) => v.params.sku);

describe('already_owned', () => {
  test('the demo: the box set bought in store in Lyon with the loyalty card', () => {
    const verdicts = alreadyOwned(inputOf({ history: withOrders(STORE_ORDER) }));
    expect(verdicts).toEqual([
      {
        guardrail: 'already_owned',
        severity: 'block',
        params: {
          sku: BOX_SET.sku,
          title: BOX_SET.title,
          role: 'offer',
          owned_sku: BOX_SET.sku,
          owned_title: BOX_SET.title,
          owned_format: 'box_set',
          same_work: false,
          order_id: 'O-BOX',
          bought_at: '2026-10-26T15:00:00.000Z',
          order_channel: 'store',
          store_name: 'Lyon Part-Dieu',
          loyalty_card: true,
        },
        evidence: [
          { kind: 'entry', entry_kind: 'order', id: 'O-BOX', at: '2026-10-26T15:00:00.000Z' },
          {
            kind: 'identity',
            identity_kind: 'loyalty_card',
            value: 'FID-0042',
            first_seen: CARD.first_seen,
          },
          { kind: 'product', sku: BOX_SET.sku, title: BOX_SET.title },
        ],
      },
    ]);
    for (const v of verdicts) expect(verdict.parse(v)).toEqual(v);
  });

  test('bought on the web: no store, no card shown, the card still known', () => {
    const [v] = alreadyOwned(
      inputOf({ history: withOrders({ ...STORE_ORDER, store: undefined, channel: 'web' }) }),
    );
    expect(v?.params).toMatchObject({ order_channel: 'web', store_name: null, loyalty_card: true });
    expect(v?.evidence.map((e) => e.kind)).toEqual(['entry', 'product']);
  });

  test('an order with a store id on another channel names no store', () => {
    const [v] = alreadyOwned(inputOf({ history: withOrders({ ...STORE_ORDER, channel: 'app' }) }));
    expect(v?.params).toMatchObject({ order_channel: 'app', store_name: null });
  });

  test('in a store the reference lacks: no name', () => {
    const [v] = alreadyOwned(inputOf({ history: withOrders({ ...STORE_ORDER, store: 'S-X' }) }));
    expect(v?.params).toMatchObject({ order_channel: 'store', store_name: null });
  });

  test('in store without a loyalty card: no card, and none shown', () => {
    const [v] = alreadyOwned(inputOf({ history: historyOf({ orders: [STORE_ORDER] }) }));
    expect(v?.params.loyalty_card).toBe(false);
    expect(v?.evidence.map((e) => e.kind)).toEqual(['entry', 'product']);
  });

  test('a card first seen after the send is not known yet; of two, the earliest is shown', () => {
    const late = identityRow({
      kind: 'loyalty_card',
      value: 'FID-9',
      first_seen: '2026-12-02T00:00:00.000Z',
    });
    const [lateOnly] = alreadyOwned(
      inputOf({ history: historyOf({ orders: [STORE_ORDER], identities: [late] }) }),
    );
    expect(lateOnly?.params.loyalty_card).toBe(false);
    const older = identityRow({
      kind: 'loyalty_card',
      value: 'FID-1',
      first_seen: '2020-01-01T00:00:00.000Z',
    });
    const email = identityRow({ kind: 'email', first_seen: '2019-01-01T00:00:00.000Z' });
    const [v] = alreadyOwned(
      inputOf({
        history: historyOf({ orders: [STORE_ORDER], identities: [email, late, CARD, older] }),
      }),
    );
    expect(v?.evidence[1]).toMatchObject({ kind: 'identity', value: 'FID-1' });
    const atSend = identityRow({ kind: 'loyalty_card', value: 'FID-AT', first_seen: AT });
    const [onTime] = alreadyOwned(
      inputOf({ history: historyOf({ orders: [STORE_ORDER], identities: [atSend] }) }),
    );
    expect(onTime?.evidence[1]).toMatchObject({ kind: 'identity', value: 'FID-AT' });
  });

  test('another edition of the same work: the DVD bought makes the box set owned', () => {
    const [v] = alreadyOwned(
      inputOf({
        history: withOrders({
          id: 'O-DVD',
          at: '2025-03-01T10:00:00.000Z',
          lines: [{ sku: DVD.sku }],
        }),
      }),
    );
    expect(v?.params).toMatchObject({
      sku: BOX_SET.sku,
      owned_sku: DVD.sku,
      owned_title: DVD.title,
      owned_format: 'dvd',
      same_work: true,
      order_id: 'O-DVD',
    });
  });

  test('of several editions bought, the latest; the product itself before any edition', () => {
    const dvdOld = { id: 'O1', at: '2025-03-01T10:00:00.000Z', lines: [{ sku: DVD.sku }] };
    const boxOlder = { id: 'O2', at: '2024-03-01T10:00:00.000Z', lines: [{ sku: BOX_SET.sku }] };
    const [v] = alreadyOwned(
      inputOf({ history: withOrders(dvdOld, boxOlder), offer: null, recommendations: [BOX_SET] }),
    );
    expect(v?.params).toMatchObject({ owned_sku: BOX_SET.sku, same_work: false, order_id: 'O2' });
    const [dvd] = alreadyOwned(
      inputOf({
        history: withOrders(dvdOld, {
          id: 'O3',
          at: '2025-01-01T10:00:00.000Z',
          lines: [{ sku: DVD.sku }],
        }),
      }),
    );
    expect(dvd?.params.order_id).toBe('O1');
  });

  test('the latest edition bought, whatever the order of the history; other purchases aside', () => {
    const history = withOrders(
      { id: 'O-BR', at: '2025-06-01T10:00:00.000Z', lines: [{ sku: BLU_RAY.sku }] },
      { id: 'O-DVD', at: '2024-01-01T10:00:00.000Z', lines: [{ sku: DVD.sku }] },
      {
        id: 'O-X',
        at: '2026-02-01T10:00:00.000Z',
        lines: [{ sku: DUNE.sku }, { sku: 'XX-GHOST' }],
      },
    );
    const [v] = alreadyOwned(inputOf({ history }));
    expect(v?.params).toMatchObject({ owned_sku: BLU_RAY.sku, order_id: 'O-BR', same_work: true });
  });

  test('of two editions bought at one instant, the one listed later', () => {
    const at = '2025-03-01T10:00:00.000Z';
    const history = withOrders(
      { id: 'O1', at, lines: [{ sku: DVD.sku }] },
      { id: 'O2', at, lines: [{ sku: BLU_RAY.sku }] },
    );
    const [v] = alreadyOwned(inputOf({ history }));
    expect(v?.params).toMatchObject({ owned_sku: BLU_RAY.sku, order_id: 'O2' });
  });

  test('products without a work are not editions of each other', () => {
    const history = withOrders({
      id: 'O1',
      at: '2025-03-01T10:00:00.000Z',
      lines: [{ sku: DUNE.sku }, { sku: 'FI-OLD' }],
    });
    expect(
      alreadyOwned(inputOf({ history, offer: null, recommendations: [WII, BOWLING] })),
    ).toEqual([]);
  });

  test('a returned or cancelled order leaves nothing owned', () => {
    for (const status of ['returned', 'cancelled'] as const) {
      expect(alreadyOwned(inputOf({ history: withOrders({ ...STORE_ORDER, status }) }))).toEqual(
        [],
      );
    }
  });

  test('an order placed after the send is not known yet; one placed at it is', () => {
    const later = { ...STORE_ORDER, at: '2026-12-01T08:30:00.001Z' };
    expect(alreadyOwned(inputOf({ history: withOrders(later) }))).toEqual([]);
    expect(alreadyOwned(inputOf({ history: withOrders({ ...STORE_ORDER, at: AT }) }))).toHaveLength(
      1,
    );
  });

  test('another customer’s order slipped into the history is not read (a shared household device)', () => {
    const theirs = { ...STORE_ORDER, customer: 'C2' };
    expect(alreadyOwned(inputOf({ history: withOrders(theirs) }))).toEqual([]);
    const otherCard = { ...CARD, customer_id: 'C2' };
    const [v] = alreadyOwned(
      inputOf({ history: historyOf({ orders: [STORE_ORDER], identities: [otherCard] }) }),
    );
    expect(v?.params.loyalty_card).toBe(false);
  });

  test('an offer on a sku the catalogue lacks is matched by its sku', () => {
    const history = withOrders({
      id: 'O-G',
      at: '2026-01-01T10:00:00.000Z',
      lines: [{ sku: 'XX-GHOST' }],
    });
    const [v] = alreadyOwned(
      inputOf({
        history,
        offer: { target: { kind: 'product', sku: 'XX-GHOST' }, title: 'Fantôme' },
      }),
    );
    expect(v?.params).toMatchObject({
      sku: 'XX-GHOST',
      title: 'Fantôme',
      owned_sku: 'XX-GHOST',
      owned_title: 'Fantôme',
      owned_format: null,
      same_work: false,
    });
  });

  test('two skus the catalogue lacks are not editions of each other', () => {
    const history = withOrders({
      id: 'O-G',
      at: '2026-01-01T10:00:00.000Z',
      lines: [{ sku: 'XX-OTHER' }],
    });
    expect(
      alreadyOwned(inputOf({ history, offer: { target: { kind: 'product', sku: 'XX-GHOST' } } })),
    ).toEqual([]);
  });

  test('one verdict per product in the message: the offer first, then the recommendations', () => {
    const history = withOrders(
      { id: 'O1', at: '2026-01-01T10:00:00.000Z', lines: [{ sku: DUNE.sku }, { sku: WII.sku }] },
      STORE_ORDER,
    );
    const verdicts = alreadyOwned(
      inputOf({ history, recommendations: [WII, BOWLING, DUNE, BOX_SET] }),
    );
    expect(verdicts.map((v) => [v.params.sku, v.params.role])).toEqual([
      [BOX_SET.sku, 'offer'],
      [WII.sku, 'recommendation'],
      [DUNE.sku, 'recommendation'],
    ]);
    for (const v of verdicts) verdict.parse(v);
  });

  test('a category offer puts no product in the message', () => {
    const history = withOrders(STORE_ORDER);
    expect(
      alreadyOwned(
        inputOf({ history, offer: { target: { kind: 'category', category: 'films' } } }),
      ),
    ).toEqual([]);
  });

  test('refuses a history without its identities', () => {
    const history = withOrders(STORE_ORDER);
    const trimmed = { ...history, scope: { tables: ['orders' as const], since: null } };
    expect(() => alreadyOwned(inputOf({ history: trimmed }))).toThrow(/lacks identities/);
    expect(() =>
      alreadyOwned(
        inputOf({
          history: { ...history, scope: { tables: ['identities' as const], since: null } },
        }),
      ),
    ).toThrow(/lacks orders/);
  });
});

describe('owned_base_product', () => {
  const game = (sku: string, id = 'O-G'): OrderSpec => ({
    id,
    at: '2026-05-03T10:00:00.000Z',
    lines: [{ sku }],
  });

  test('a Wii recommended to the buyer of a Wii game', () => {
    const verdicts = ownedBaseProduct(
      inputOf({ history: withOrders(game(BOWLING.sku)), recommendations: [WII] }),
    );
    expect(verdicts).toEqual([
      {
        guardrail: 'owned_base_product',
        severity: 'block',
        params: {
          sku: WII.sku,
          title: WII.title,
          role: 'recommendation',
          needed_by_sku: BOWLING.sku,
          needed_by_title: BOWLING.title,
          order_id: 'O-G',
          bought_at: '2026-05-03T10:00:00.000Z',
        },
        evidence: [
          { kind: 'entry', entry_kind: 'order', id: 'O-G', at: '2026-05-03T10:00:00.000Z' },
        ],
      },
    ]);
    for (const v of verdicts) verdict.parse(v);
  });

  test('needed down a chain: Wii Fit needs the board, the board needs the Wii', () => {
    const verdicts = ownedBaseProduct(
      inputOf({
        history: withOrders(game(WII_FIT.sku)),
        offer: null,
        recommendations: [BOARD, WII],
      }),
    );
    expect(skus(verdicts)).toEqual([BOARD.sku, WII.sku]);
    expect(verdicts.map((v) => v.params.needed_by_sku)).toEqual([WII_FIT.sku, WII_FIT.sku]);
  });

  test('the offer’s product as a base', () => {
    const [v] = ownedBaseProduct(
      inputOf({
        history: withOrders(game(BOWLING.sku)),
        offer: { target: { kind: 'product', sku: WII.sku } },
      }),
    );
    expect(v?.params).toMatchObject({ sku: WII.sku, role: 'offer' });
  });

  test('not for a base they bought: already_owned says it', () => {
    const history = withOrders(game(BOWLING.sku), game(WII.sku, 'O-WII'));
    const input = inputOf({ history, offer: null, recommendations: [WII] });
    expect(ownedBaseProduct(input)).toEqual([]);
    expect(skus(alreadyOwned(input))).toEqual([WII.sku]);
  });

  test('nothing for a product nothing they own needs, nor for a returned game', () => {
    expect(
      ownedBaseProduct(
        inputOf({ history: withOrders(game(DUNE.sku)), offer: null, recommendations: [WII] }),
      ),
    ).toEqual([]);
    const returned = { ...game(BOWLING.sku), status: 'returned' as const };
    expect(
      ownedBaseProduct(
        inputOf({ history: withOrders(returned), offer: null, recommendations: [WII] }),
      ),
    ).toEqual([]);
    const later = { ...game(BOWLING.sku), at: '2026-12-02T00:00:00.000Z' };
    expect(
      ownedBaseProduct(
        inputOf({ history: withOrders(later), offer: null, recommendations: [WII] }),
      ),
    ).toEqual([]);
  });

  test('what the games need is not the games: a game recommended to a console owner is fine', () => {
    const history = withOrders(game(WII.sku));
    expect(ownedBaseProduct(inputOf({ history, offer: null, recommendations: [BOWLING] }))).toEqual(
      [],
    );
  });
});
