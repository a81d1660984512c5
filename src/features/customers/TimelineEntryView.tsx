// One entry of the unified timeline, whatever its kind; customer-provided text is rendered as text.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TimelineEntry } from '../../api/contract.ts';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import { formatMoney, humanize } from '../../ui/format.ts';
import { categoryLabel, channelLabel, eventPropertyLabel, productFormatLabel } from './labels.ts';

const kindTone: Record<TimelineEntry['kind'], Tone> = {
  order: 'accent',
  event: 'neutral',
  message: 'info',
  offer_response: 'warn',
  consent: 'danger',
};
/** Free-text properties shown as a quotation rather than a chip. */
const textProperties = new Set(['text', 'note', 'query']);
/** Properties the row already says in words, or ids that add nothing to a reader. */
const hiddenProperties = new Set(['message_id']);
/** Properties whose values are codes, shown as words. */
const codeProperties = new Set(['category', 'reason', 'network']);

function Body({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation('customers');
  switch (entry.kind) {
    case 'order': {
      const o = entry.order;
      return (
        <div className="min-w-0">
          <p className="text-base">
            <span className="font-medium">{formatMoney(o.total_cents, o.currency)}</span>
            <span className="text-fg-muted">
              {' · '}
              {o.status === 'completed' ? (
                t('entry.orderStatus.completed')
              ) : (
                <strong className="text-danger-700">{t(`entry.orderStatus.${o.status}`)}</strong>
              )}
              {entry.store_name !== null && ` · ${entry.store_name}`}
              {` · ${t(`entry.payment.${o.payment_method}`)}`}
              {o.promo_code !== null && t('entry.promo', { code: o.promo_code })}
            </span>
            <span className="ml-2 font-mono text-xs text-fg-subtle">{o.order_id}</span>
          </p>
          <ul className="mt-0.5 space-y-0.5 text-sm text-fg-muted">
            {entry.lines.map((l) => (
              <li key={l.line_no} className="flex gap-2">
                <span className="shrink-0 tabular-nums">{l.qty} ×</span>
                <span className="min-w-0 truncate text-fg">{l.title ?? l.sku}</span>
                {l.format !== null && <span>{productFormatLabel(t, l.format)}</span>}
                <span className="ml-auto shrink-0 tabular-nums">
                  {formatMoney(l.unit_price_cents, o.currency)}
                  {l.discount_cents > 0 && ` − ${formatMoney(l.discount_cents, o.currency)}`}
                </span>
              </li>
            ))}
          </ul>
        </div>
      );
    }
    case 'event': {
      const e = entry.event;
      const props = Object.entries(e.properties);
      return (
        <div className="min-w-0 text-base">
          <span className="font-medium">{t(`eventType.${e.type}`)}</span>
          {props
            .filter(([k]) => !textProperties.has(k) && !hiddenProperties.has(k))
            .map(([k, v]) => (
              <span key={k} className="ml-2 text-sm text-fg-muted">
                {eventPropertyLabel(t, k)}{' '}
                {codeProperties.has(k) && typeof v === 'string' ? (
                  <span className="text-fg">
                    {k === 'category' ? categoryLabel(t, v) : humanize(v)}
                  </span>
                ) : (
                  <span className="font-mono text-xs text-fg">{String(v)}</span>
                )}
              </span>
            ))}
          {props
            .filter(([k]) => textProperties.has(k))
            .map(([k, v]) => (
              <blockquote
                key={k}
                className="mt-0.5 border-l-2 border-line-strong pl-2 text-sm text-fg"
              >
                {String(v)}
              </blockquote>
            ))}
        </div>
      );
    }
    case 'message':
      return (
        <p className="min-w-0 text-base">
          <Link
            to={`/campaigns/${encodeURIComponent(entry.message.campaign_id)}`}
            className="font-medium text-accent-700 hover:underline"
          >
            {entry.campaign_name ?? entry.message.campaign_id}
          </Link>
          <span className="text-fg-muted">
            {' · '}
            {t(`entry.messageStatus.${entry.message.status}`)}
          </span>
          {entry.offer_title !== null && (
            <span className="text-fg-muted">{t('entry.offer', { title: entry.offer_title })}</span>
          )}
          {' · '}
          <Link
            to={`/campaigns/${encodeURIComponent(entry.message.campaign_id)}/preview/${encodeURIComponent(entry.message.customer_id)}`}
            className="text-sm text-accent-700 hover:underline"
            aria-label={t('entry.messagePreview', {
              campaign: entry.campaign_name ?? entry.message.campaign_id,
            })}
            title={t('entry.messagePreview', {
              campaign: entry.campaign_name ?? entry.message.campaign_id,
            })}
          >
            {t('entry.messageLink')}
          </Link>
        </p>
      );
    case 'offer_response':
      return (
        <p className="min-w-0 text-base">
          <span className="font-medium">
            {t('entry.offerResponse', { response: entry.response.response })}
          </span>{' '}
          {entry.offer?.title ?? entry.response.offer_id}
        </p>
      );
    case 'consent':
      return (
        <p className="min-w-0 text-base">
          <span className="font-medium">
            {t('entry.consentChange', {
              channel: channelLabel(t, entry.consent.channel),
              status: entry.consent.status,
            })}
          </span>
          <span className="text-fg-muted">
            {' · '}
            {t(`entry.purpose.${entry.consent.purpose}`)}
          </span>
        </p>
      );
  }
}

export function TimelineEntryView({ entry, time }: { entry: TimelineEntry; time: string }) {
  const { t } = useTranslation('customers');
  return (
    <div className="flex flex-col gap-1 px-4 py-2 @xl:flex-row @xl:gap-3">
      <div className="flex shrink-0 gap-3">
        <time
          dateTime={entry.at}
          className="w-32 shrink-0 pt-px text-sm text-fg-muted tabular-nums"
        >
          {time}
        </time>
        <div className="flex flex-wrap items-start gap-1 @xl:w-36 @xl:shrink-0">
          <Badge tone={kindTone[entry.kind]}>{t(`kind.${entry.kind}`)}</Badge>
          <Badge>{channelLabel(t, entry.channel)}</Badge>
        </div>
      </div>
      <Body entry={entry} />
    </div>
  );
}
