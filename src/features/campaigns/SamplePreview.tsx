// The message as one chosen customer would receive it, rendered by the API from their history as
// the template is typed (debounced): e-mail HTML in a sandboxed frame, every fallback that fired
// marked with the value it replaced, removed links and warnings, or the template's error.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getJson, postJson } from '../../api/client.ts';
import {
  recommendationsResponse,
  searchResponse,
  templateRenderResponse,
  type RecommendationsRequest,
  type MemberSummary,
  type TemplateRenderRequest,
} from '../../api/contract.ts';
import type { CampaignBody } from '../../domain/campaign/campaign.ts';
import { instantOf } from '../../domain/campaign/send-time.ts';
import type { TemplateOffer, TemplateRecommendation } from '../../domain/template/context.ts';
import { describeReason } from '../../domain/recommend/describe.ts';
import { Combobox } from '../../ui/Combobox.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { useLanguage } from '../../ui/i18n/I18nProvider.tsx';
import { RenderedMessage } from './RenderedMessage.tsx';

/** The offer as the template sees it, from what the campaign says (prices the product knows are the API's). */
function offerView(body: CampaignBody, title: string): TemplateOffer | null {
  const offer = body.offer;
  if (offer === null) return null;
  return {
    title: offer.title.trim() === '' ? title : offer.title,
    ...(offer.price.kind === 'price' ? { price_cents: offer.price.cents } : {}),
    ...(offer.price.kind === 'percent' ? { discount_percent: offer.price.percent } : {}),
    ...(offer.price.kind === 'amount_off' ? { discount_cents: offer.price.cents } : {}),
    valid_from: offer.valid_from,
    valid_to: offer.valid_to,
  };
}

export function renderRequest(
  body: CampaignBody,
  customerId: string,
  language: 'fr' | 'en',
  offerTitle: string,
  recommendations: readonly TemplateRecommendation[],
): TemplateRenderRequest {
  const sendAt = body.send_at === null ? null : instantOf(body.send_at, body.time_zone);
  const common = {
    customer_id: customerId,
    offer: offerView(body, offerTitle),
    campaign: { name: body.name },
    recommendations: [...recommendations],
    language,
    ...(sendAt === null ? {} : { now: new Date(sendAt).toISOString() }),
  };
  switch (body.channel) {
    case 'email':
      return { channel: 'email', template: body.template, ...common };
    case 'sms':
      return { channel: 'sms', template: body.template, ...common };
    case 'push':
      return { channel: 'push', template: body.template, ...common };
    case 'web_banner':
      return { channel: 'web_banner', template: body.template, ...common };
  }
}

const nameOf = (hit: MemberSummary) =>
  [hit.first_name, hit.last_name].filter((p) => p !== null && p !== '').join(' ') ||
  hit.customer_id;

/** The recommendation slot's products for one customer, their reasons worded; none without a slot. */
function useRecommendations(body: CampaignBody, customerId: string | null) {
  const { language } = useLanguage();
  const slot = body.recommendation;
  const request: RecommendationsRequest | null =
    customerId === null || slot === null || (slot.strategy === 'offer' && body.offer === null)
      ? null
      : {
          customer_ids: [customerId],
          strategy: slot.strategy,
          count: slot.count,
          channel: body.channel,
          ...(body.offer === null ? {} : { offer: body.offer.target }),
        };
  const query = useQuery({
    queryKey: ['recommendations', request] as const,
    queryFn: ({ signal }) => {
      if (request === null) throw new Error('No recommendation slot.');
      return postJson(recommendationsResponse, '/api/recommendations', request, { signal });
    },
    enabled: request !== null,
    staleTime: 5 * 60_000,
  });
  const products = request === null ? [] : (query.data?.results[0]?.recommendations ?? []);
  const ready = request === null || query.isSuccess || query.isError;
  const views: TemplateRecommendation[] = products.map((p) => ({
    title: p.title,
    price_cents: p.price_cents,
    reason: describeReason(p.reason, language),
    category: p.category,
  }));
  return { products, views, ready };
}

export function useRender(body: CampaignBody, customerId: string | null) {
  const { language } = useLanguage();
  const { t } = useTranslation('campaigns');
  const deferred = useDebounced(body, 250);
  const recommended = useRecommendations(deferred, customerId);
  const request =
    customerId === null || !recommended.ready
      ? null
      : renderRequest(deferred, customerId, language, t('editor.section.offer'), recommended.views);
  const render = useQuery({
    queryKey: ['templates', 'render', request] as const,
    queryFn: ({ signal }) => {
      if (request === null) throw new Error('No customer to render for.');
      return postJson(templateRenderResponse, '/api/templates/render', request, { signal });
    },
    enabled: request !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  return { render, recommended: recommended.views };
}

export function SamplePreview({
  rendered: { render, recommended },
  customer,
  onCustomer,
}: {
  /** The message rendered for `customer`, and the products recommended to them (useRender). */
  rendered: ReturnType<typeof useRender>;
  customer: MemberSummary | null;
  onCustomer: (hit: MemberSummary) => void;
}) {
  const { t } = useTranslation('campaigns');
  const [query, setQuery] = useState('');
  const typed = useDeferredValue(query.trim());
  const search = useQuery({
    queryKey: ['customers', 'search', typed] as const,
    queryFn: ({ signal }) =>
      getJson(searchResponse, '/api/customers', { query: { q: typed, limit: 8 }, signal }),
    enabled: typed.length >= 2,
  });
  return (
    <div className="space-y-3">
      <div className="flex flex-col gap-1">
        <span className="text-sm font-medium text-fg">{t('preview.customer')}</span>
        <Combobox
          items={search.data?.hits ?? []}
          getKey={(hit) => hit.customer_id}
          renderItem={(hit) => (
            <span className="flex justify-between gap-2">
              <span className="truncate">{nameOf(hit)}</span>
              <span className="shrink-0 text-fg-subtle">{hit.city ?? hit.customer_id}</span>
            </span>
          )}
          onSelect={(hit) => {
            onCustomer(hit);
            setQuery('');
          }}
          inputValue={query}
          onInputChange={setQuery}
          loading={search.isFetching}
          emptyText={typed.length >= 2 ? t('preview.noHit') : undefined}
          placeholder={customer ? nameOf(customer) : t('preview.search')}
          aria-label={t('preview.search')}
        />
      </div>
      {customer === null ? (
        <p className="text-sm text-fg-muted">{t('preview.pickFirst')}</p>
      ) : render.isPending ? (
        <p role="status" className="flex items-center gap-2 text-sm text-fg-muted">
          <Spinner />
          {t('preview.rendering')}
        </p>
      ) : render.isError ? (
        <p role="alert" className="text-sm text-danger-700">
          {t('preview.failed')}
        </p>
      ) : (
        <div aria-busy={render.isFetching} className="space-y-3">
          <RenderedMessage result={render.data} name={nameOf(customer)} />
          {recommended.length > 0 && (
            <section aria-label={t('preview.recommended')}>
              <h4 className="text-sm font-semibold text-fg">{t('preview.recommended')}</h4>
              <ol className="mt-1 space-y-1 text-sm">
                {recommended.map((r, i) => (
                  <li key={`${r.title}-${i}`}>
                    <span className="font-medium text-fg">{r.title}</span>
                    {r.reason && <span className="block text-fg-muted">{r.reason}</span>}
                  </li>
                ))}
              </ol>
            </section>
          )}
        </div>
      )}
    </div>
  );
}
