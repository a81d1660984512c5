// Customer 360 route: /customers (search) and /customers/:customerId; the timeline's filters live in
// the URL (?kind=order,consent&channel=store) so a link reproduces the view.
import { useParams, useSearchParams } from 'react-router';
import { z } from 'zod';
import { timelineKind } from '../../api/contract.ts';
import { channel } from '../../domain/profile/schema.ts';
import {
  Customer360,
  CustomerSearch,
  CustomersHome,
  type TimelineFilters,
} from '../../features/customers/index.ts';

/** Unknown values in a hand-edited URL are dropped, never an error page. */
const listParam = <T extends string>(allowed: readonly T[]) =>
  z
    .string()
    .nullable()
    .transform((s) => (s ?? '').split(',').filter((x): x is T => allowed.some((a) => a === x)));
const kindsParam = listParam(timelineKind.options);
const channelsParam = listParam(channel.options);

export function CustomersRoute() {
  const { customerId } = useParams();
  const [params, setParams] = useSearchParams();
  const filters: TimelineFilters = {
    kinds: kindsParam.parse(params.get('kind')),
    channels: channelsParam.parse(params.get('channel')),
  };
  const setFilters = (next: TimelineFilters) => {
    const updated = new URLSearchParams(params);
    for (const [key, list] of [
      ['kind', next.kinds],
      ['channel', next.channels],
    ] as const) {
      if (list.length === 0) updated.delete(key);
      else updated.set(key, list.join(','));
    }
    setParams(updated, { replace: true });
  };
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="border-b border-line bg-surface px-4 py-2">
        <div className="max-w-2xl">
          <CustomerSearch autoFocus={customerId === undefined} />
        </div>
      </div>
      {customerId === undefined ? (
        <CustomersHome />
      ) : (
        <Customer360
          key={customerId}
          customerId={customerId}
          filters={filters}
          onFiltersChange={setFilters}
        />
      )}
    </div>
  );
}
