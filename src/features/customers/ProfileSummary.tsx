// Who the customer is and what they are worth at a glance: name, contact, tier and key figures.
import { useTranslation } from 'react-i18next';
import type { ProfileResponse } from '../../api/contract.ts';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import { formatCalendarDate, formatCount, formatDay, formatMoney } from '../../ui/format.ts';
import { useRole } from '../../ui/permissions.tsx';
import { channelLabel } from './labels.ts';
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

function Missing({ text }: { text: string }) {
  return <span className="text-fg-subtle italic">{text}</span>;
}

export function ProfileSummary({ profile }: { profile: ProfileResponse }) {
  const { t } = useTranslation('customers');
  // A viewer is sent no date of birth (src/domain/profile/mask.ts): say it is withheld, not unknown.
  const masked = useRole() === 'viewer';
  const { customer: c, figures: f } = profile;
  return (
    <section aria-label={t('summary.label')} className="border-b border-line px-4 py-3">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="truncate text-lg font-semibold text-fg">
            {displayName(c.first_name, c.last_name)}
          </h2>
          <p className="font-mono text-xs text-fg-subtle">{c.customer_id}</p>
        </div>
        <Badge tone={tierTone[c.loyalty_tier] ?? 'neutral'}>
          {t(`summary.tier.${c.loyalty_tier}`)}
        </Badge>
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
        <dt className="text-fg-muted">{t('summary.email')}</dt>
        <dd className="truncate">{c.email ?? <Missing text={t('summary.missing.email')} />}</dd>
        <dt className="text-fg-muted">{t('summary.phone')}</dt>
        <dd className="tabular-nums">{c.phone ?? <Missing text={t('summary.missing.phone')} />}</dd>
        <dt className="text-fg-muted">{t('summary.address')}</dt>
        <dd className="truncate">
          {c.city === null ? (
            <Missing text={t('summary.missing.city')} />
          ) : (
            `${c.postcode ?? ''} ${c.city}`.trim()
          )}
          , {c.country}
        </dd>
        <dt className="text-fg-muted">{t('summary.born')}</dt>
        <dd>
          {c.birth_date === null ? (
            <Missing
              text={masked ? t('summary.masked.birthDate') : t('summary.missing.birthDate')}
            />
          ) : (
            formatCalendarDate(c.birth_date)
          )}
        </dd>
        <dt className="text-fg-muted">{t('summary.customerSince')}</dt>
        <dd>
          {formatDay(c.created_at)} · {c.language.toUpperCase()} · {t(`summary.gender.${c.gender}`)}
        </dd>
      </dl>
      <dl className="mt-3 grid grid-cols-3 gap-x-3 gap-y-2 rounded-md border border-line bg-canvas px-3 py-2">
        <Figure
          label={t('summary.orders')}
          value={formatCount(f.orders)}
          hint={t('summary.completedOrders')}
        />
        <Figure
          label={t('summary.spend')}
          value={formatMoney(f.spend_cents, f.currency)}
          hint={t('summary.completedOrders')}
        />
        <Figure
          label={t('summary.averageOrder')}
          value={
            f.average_order_cents === null ? '—' : formatMoney(f.average_order_cents, f.currency)
          }
        />
        <Figure
          label={t('summary.firstOrder')}
          value={f.first_order_at === null ? '—' : formatDay(f.first_order_at)}
        />
        <Figure
          label={t('summary.lastOrder')}
          value={f.last_order_at === null ? '—' : formatDay(f.last_order_at)}
        />
        <Figure
          label={t('summary.returnsCancels')}
          value={`${formatCount(f.returned_orders)} · ${formatCount(f.cancelled_orders)}`}
        />
        <div className="col-span-3 min-w-0">
          <dt className="text-xs text-fg-muted">{t('summary.channelsUsed')}</dt>
          <dd className="mt-0.5 flex flex-wrap gap-1">
            {f.channels_used.length === 0 ? (
              <span className="text-sm text-fg-subtle">{t('summary.noChannel')}</span>
            ) : (
              f.channels_used.map((ch) => <Badge key={ch}>{channelLabel(t, ch)}</Badge>)
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
