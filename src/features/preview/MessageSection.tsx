// The message as the recipient will see it (the campaigns feature renders it), an e-mail at
// desktop or mobile width; then the offer as worked out for them and the products recommended,
// each with its reason.
import { clsx } from 'clsx';
import { Monitor, Smartphone } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreviewResponse } from '../../api/contract.ts';
import { describeReason } from '../../domain/recommend/describe.ts';
import { formatCalendarDate, formatDecimal, formatMoney } from '../../ui/format.ts';
import { useLanguage } from '../../ui/i18n/I18nProvider.tsx';
import type { EmailDevice, PreviewParts } from './parts.ts';

const devices: { value: EmailDevice; icon: typeof Monitor }[] = [
  { value: 'desktop', icon: Monitor },
  { value: 'mobile', icon: Smartphone },
];

export function MessageSection({
  preview,
  name,
  Message,
}: {
  preview: PreviewResponse;
  name: string;
  Message: PreviewParts['Message'];
}) {
  const { t } = useTranslation('preview');
  const [device, setDevice] = useState<EmailDevice>('desktop');
  const channel = preview.render.ok ? preview.render.message.channel : null;
  return (
    <section aria-labelledby="preview-message" className="space-y-2">
      <div className="flex items-center gap-2">
        <h3 id="preview-message" className="text-base font-semibold text-fg">
          {t('message.title')}
        </h3>
        {channel === 'email' && (
          <div
            role="group"
            aria-label={t('message.width')}
            className="ml-auto flex rounded-md border border-line p-px"
          >
            {devices.map(({ value, icon: Icon }) => (
              <button
                key={value}
                type="button"
                aria-pressed={device === value}
                onClick={() => setDevice(value)}
                className={clsx(
                  'inline-flex h-6 items-center gap-1 rounded-sm px-2 text-sm',
                  device === value
                    ? 'bg-gray-150 font-medium text-fg'
                    : 'text-fg-muted hover:text-fg',
                )}
              >
                <Icon size={13} aria-hidden="true" />
                {t(`message.${value}`)}
              </button>
            ))}
          </div>
        )}
      </div>
      <Message result={preview.render} name={name} device={device} />
      <Offer offer={preview.offer} />
      <Recommendations products={preview.recommendations} />
    </section>
  );
}

function Offer({ offer }: { offer: PreviewResponse['offer'] }) {
  const { t } = useTranslation('preview');
  if (offer === null) return null;
  const price = offer.price_cents === null ? null : formatMoney(offer.price_cents, 'EUR');
  const list = offer.list_price_cents === null ? null : formatMoney(offer.list_price_cents, 'EUR');
  return (
    <div className="rounded-md border border-line bg-canvas px-3 py-2 text-sm">
      <p>
        <span className="text-fg-muted">{t('offer.label')}</span>{' '}
        <span className="font-medium text-fg">{offer.title}</span>
        {price !== null && <span className="text-fg"> · {price}</span>}
        {list !== null && list !== price && (
          <span className="text-fg-muted"> {t('offer.listPrice', { price: list })}</span>
        )}
        {offer.discount_percent !== null && (
          <span className="text-fg-muted">
            {' '}
            {t('offer.discount', {
              percent: formatDecimal(
                offer.discount_percent,
                Number.isInteger(offer.discount_percent) ? 0 : 2,
              ),
            })}
          </span>
        )}
      </p>
      {(offer.valid_from !== null || offer.valid_to !== null) && (
        <p className="text-fg-muted">
          {t('offer.valid', {
            from:
              offer.valid_from === null ? '—' : formatCalendarDate(offer.valid_from.slice(0, 10)),
            to: offer.valid_to === null ? '—' : formatCalendarDate(offer.valid_to.slice(0, 10)),
          })}
        </p>
      )}
    </div>
  );
}

function Recommendations({ products }: { products: PreviewResponse['recommendations'] }) {
  const { t } = useTranslation('preview');
  const { language } = useLanguage();
  if (products.length === 0) return null;
  return (
    <section aria-labelledby="preview-recommendations">
      <h4 id="preview-recommendations" className="text-sm font-semibold text-fg">
        {t('recommendations.title', { count: products.length })}
      </h4>
      <ol className="mt-1 space-y-1 text-sm">
        {products.map((p) => (
          <li key={p.sku} className="flex gap-2">
            <span className="min-w-0 flex-1">
              <span className="font-medium text-fg">{p.title}</span>
              <span className="block text-fg-muted">{describeReason(p.reason, language)}</span>
            </span>
            <span className="shrink-0 text-fg tabular-nums">
              {formatMoney(p.price_cents, p.currency)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
