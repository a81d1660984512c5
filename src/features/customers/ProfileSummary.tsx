// Who the customer is and what they are worth at a glance: name, contact, tier and key figures.
import type { ProfileResponse } from '../../api/contract.ts';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import {
  formatCalendarDate,
  formatCount,
  formatDay,
  formatMoney,
  humanize,
} from '../../ui/format.ts';
import { displayName } from './names.ts';

const tierTone: Record<string, Tone> = {
  none: 'neutral',
  silver: 'neutral',
  gold: 'warn',
  platinum: 'accent',
};

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-fg-muted">{label}</dt>
      <dd className="truncate text-md font-semibold tabular-nums text-fg" title={hint}>
        {value}
      </dd>
    </div>
  );
}

function Missing({ what }: { what: string }) {
  return <span className="text-fg-subtle italic">no {what}</span>;
}

export function ProfileSummary({ profile }: { profile: ProfileResponse }) {
  const { customer: c, figures: f } = profile;
  return (
    <section aria-label="Customer summary" className="border-b border-line px-4 py-3">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="truncate text-lg font-semibold text-fg">
            {displayName(c.first_name, c.last_name)}
          </h2>
          <p className="font-mono text-xs text-fg-subtle">{c.customer_id}</p>
        </div>
        <Badge tone={tierTone[c.loyalty_tier] ?? 'neutral'}>
          {c.loyalty_tier === 'none' ? 'No loyalty tier' : `${humanize(c.loyalty_tier)} tier`}
        </Badge>
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
        <dt className="text-fg-muted">Email</dt>
        <dd className="truncate">{c.email ?? <Missing what="email" />}</dd>
        <dt className="text-fg-muted">Phone</dt>
        <dd className="tabular-nums">{c.phone ?? <Missing what="phone" />}</dd>
        <dt className="text-fg-muted">Address</dt>
        <dd className="truncate">
          {c.city === null ? <Missing what="city" /> : `${c.postcode ?? ''} ${c.city}`.trim()},{' '}
          {c.country}
        </dd>
        <dt className="text-fg-muted">Born</dt>
        <dd>
          {c.birth_date === null ? <Missing what="birth date" /> : formatCalendarDate(c.birth_date)}
        </dd>
        <dt className="text-fg-muted">Customer since</dt>
        <dd>
          {formatDay(c.created_at)} · {c.language.toUpperCase()} · {humanize(c.gender)}
        </dd>
      </dl>
      <dl className="mt-3 grid grid-cols-3 gap-x-3 gap-y-2 rounded-md border border-line bg-canvas px-3 py-2">
        <Figure label="Orders" value={formatCount(f.orders)} hint="Completed orders" />
        <Figure
          label="Spend"
          value={formatMoney(f.spend_cents, f.currency)}
          hint="Completed orders"
        />
        <Figure
          label="Average order"
          value={
            f.average_order_cents === null ? '—' : formatMoney(f.average_order_cents, f.currency)
          }
        />
        <Figure
          label="First order"
          value={f.first_order_at === null ? '—' : formatDay(f.first_order_at)}
        />
        <Figure
          label="Last order"
          value={f.last_order_at === null ? '—' : formatDay(f.last_order_at)}
        />
        <Figure
          label="Returns · cancels"
          value={`${formatCount(f.returned_orders)} · ${formatCount(f.cancelled_orders)}`}
        />
        <div className="col-span-3 min-w-0">
          <dt className="text-xs text-fg-muted">Channels used</dt>
          <dd className="mt-0.5 flex flex-wrap gap-1">
            {f.channels_used.length === 0 ? (
              <span className="text-sm text-fg-subtle">none yet</span>
            ) : (
              f.channels_used.map((ch) => <Badge key={ch}>{humanize(ch)}</Badge>)
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
