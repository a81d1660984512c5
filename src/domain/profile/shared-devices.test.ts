import fc from 'fast-check';
import { expect, test } from 'vitest';
import { DeviceHolders, sharedDevicesOf } from './shared-devices.ts';

const tablet = { kind: 'app_device', value: 'ios-7F3A' };

test('a device other profiles hold is shared, with how many of them; the customer’s own rows aside', () => {
  expect(
    sharedDevicesOf(
      'C1',
      [tablet, { kind: 'web_cookie', value: 'ck-1' }, { kind: 'email', value: 'a@b.fr' }],
      [
        { customer_id: 'C1', ...tablet },
        { customer_id: 'C2', ...tablet },
        { customer_id: 'C3', ...tablet },
        { customer_id: 'C3', ...tablet },
        { customer_id: 'C1', kind: 'web_cookie', value: 'ck-1' },
        { customer_id: 'C4', kind: 'email', value: 'a@b.fr' },
      ],
    ),
  ).toEqual([{ kind: 'app_device', value: 'ios-7F3A', profiles: 2 }]);
});

test('the same value under another kind, or cased otherwise, is another device', () => {
  expect(
    sharedDevicesOf(
      'C1',
      [tablet],
      [
        { customer_id: 'C2', kind: 'web_cookie', value: 'ios-7F3A' },
        { customer_id: 'C3', kind: 'app_device', value: 'IOS-7f3a' },
      ],
    ),
  ).toEqual([]);
});

test('an e-mail or a card held by several profiles is not a shared device (resolution merges those)', () => {
  const card = { kind: 'loyalty_card', value: 'FID001' };
  expect(sharedDevicesOf('C1', [card], [{ customer_id: 'C2', ...card }])).toEqual([]);
});

test('each device once, by kind then value, whatever the order of the rows', () => {
  const devices = fc.uniqueArray(
    fc.record({
      kind: fc.constantFrom('app_device', 'web_cookie'),
      value: fc.stringMatching(/^[a-z0-9]{1,3}$/),
    }),
    { selector: (d) => `${d.kind}|${d.value}`, maxLength: 6 },
  );
  fc.assert(
    fc.property(
      devices,
      fc.array(fc.constantFrom('C2', 'C3', 'C4'), { maxLength: 8 }),
      (own, holders) => {
        const rows = own.flatMap((d, i) =>
          holders.slice(0, i + 1).map((c) => ({ customer_id: c, ...d })),
        );
        const a = sharedDevicesOf('C1', [...own, ...own], rows);
        const b = sharedDevicesOf('C1', [...own].reverse(), [...rows].reverse());
        expect(a).toEqual(b);
        for (const d of a) {
          const expected = new Set(
            rows.filter((r) => r.kind === d.kind && r.value === d.value).map((r) => r.customer_id),
          );
          expect(d.profiles).toBe(expected.size);
        }
        expect(new Set(a.map((d) => `${d.kind}|${d.value}`)).size).toBe(a.length);
      },
    ),
  );
});

test('holders read once answer each customer as the rows would', () => {
  const rows = [
    { customer_id: 'C1', ...tablet },
    { customer_id: 'C2', ...tablet },
    { customer_id: 'C2', kind: 'web_cookie', value: 'ck-9' },
    { customer_id: 'C3', kind: 'web_cookie', value: 'ck-9' },
    { customer_id: 'C4', kind: 'web_cookie', value: 'ck-9' },
  ];
  const holders = new DeviceHolders(rows);
  expect(holders.shared('C2', [tablet, { kind: 'web_cookie', value: 'ck-9' }])).toEqual([
    { kind: 'app_device', value: 'ios-7F3A', profiles: 1 },
    { kind: 'web_cookie', value: 'ck-9', profiles: 2 },
  ]);
  expect(holders.shared('C5', [{ kind: 'web_cookie', value: 'ck-1' }])).toEqual([]);
});
