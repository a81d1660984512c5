// The campaign's settings, section by section: channel, audience (segment pinned to a version,
// holdout, send time), offer and recommendation slot. Every control edits the body through
// `onChange`; the template parts are in TemplateFields.
import { useQuery } from '@tanstack/react-query';
import { AlertTriangle } from 'lucide-react';
import { useState, type ComponentProps, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CAMPAIGN_CHANNELS,
  DEFAULT_TIME_ZONE,
  MAX_HOLDOUT_SHARE,
  MAX_RECOMMENDATIONS,
  recommendationStrategy,
  withChannel,
  type CampaignBody,
  type Offer,
  type OfferPrice,
} from '../../domain/campaign/campaign.ts';
import type { CampaignIssue } from '../../domain/campaign/validate.ts';
import { rolloutStrategy } from '../../domain/campaign/rollout.ts';
import { productCategory } from '../../domain/profile/schema.ts';
import { templatePart } from '../../domain/template/result.ts';
import { getJson } from '../../api/client.ts';
import { segmentListResponse } from '../../api/contract.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { Input } from '../../ui/Input.tsx';
import { Select } from '../../ui/Select.tsx';
import { formatCount, formatPercent } from '../../ui/format.ts';

const TIME_ZONES = [
  DEFAULT_TIME_ZONE,
  'Europe/London',
  'Europe/Brussels',
  'America/Guadeloupe',
  'America/Martinique',
  'Indian/Reunion',
  'Pacific/Noumea',
  'UTC',
];

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-line bg-surface">
      <h3 className="border-b border-line px-4 py-2 text-sm font-semibold text-fg">{title}</h3>
      <div className="space-y-3 px-4 py-3">{children}</div>
    </section>
  );
}

export interface FormProps {
  body: CampaignBody;
  onChange: (body: CampaignBody) => void;
  /** Issues by dotted path (`send_at`, `offer.valid_to`), worded. */
  issueAt: (path: string) => string | undefined;
}

export function ChannelSection({ body, onChange }: FormProps) {
  const { t } = useTranslation('campaigns');
  return (
    <Section title={t('editor.section.channel')}>
      <div role="radiogroup" aria-label={t('editor.section.channel')} className="flex gap-1">
        {CAMPAIGN_CHANNELS.map((channel) => (
          <button
            key={channel}
            type="button"
            role="radio"
            aria-checked={body.channel === channel}
            onClick={() => onChange(withChannel(body, channel))}
            className={
              body.channel === channel
                ? 'rounded-md bg-gray-800 px-3 py-1.5 text-sm font-medium text-white'
                : 'rounded-md border border-line-control px-3 py-1.5 text-sm text-fg hover:bg-subtle'
            }
          >
            {t(`channel.${channel}`)}
          </button>
        ))}
      </div>
    </Section>
  );
}

const segmentList = () => ({
  queryKey: ['segments', 'list'] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    getJson(segmentListResponse, '/api/segments', { signal }),
});

export function AudienceSection({ body, onChange, issueAt }: FormProps) {
  const { t } = useTranslation('campaigns');
  const segments = useQuery(segmentList());
  const items = segments.data?.segments ?? [];
  const pinned = body.segment;
  const chosen = pinned ? items.find((s) => s.segment_id === pinned.segment_id) : undefined;
  const newer = pinned && chosen && chosen.version > pinned.version ? chosen.version : null;
  const holdoutPercent = Math.round(body.holdout_share * 1000) / 10;
  return (
    <Section title={t('editor.section.target')}>
      <Field
        label={t('editor.segment.label')}
        error={issueAt('segment')}
        hint={
          pinned && chosen
            ? t('editor.segment.pinned', {
                version: pinned.version,
                size: formatCount(chosen.size),
              })
            : segments.isSuccess && items.length === 0
              ? t('editor.segment.none')
              : undefined
        }
      >
        {(control) => (
          <Select
            {...control}
            value={pinned?.segment_id}
            placeholder={t('editor.segment.pick')}
            options={items.map((s) => ({ value: s.segment_id, label: s.name }))}
            onValueChange={(id) => {
              const segment = items.find((s) => s.segment_id === id);
              if (segment) {
                onChange({ ...body, segment: { segment_id: id, version: segment.version } });
              }
            }}
          />
        )}
      </Field>
      {pinned && segments.isSuccess && chosen === undefined && (
        <p role="alert" className="text-sm text-danger-700">
          {t('editor.segment.deleted')}
        </p>
      )}
      {pinned && newer !== null && (
        <div
          role="status"
          className="flex items-center gap-2 rounded-md border border-warn-200 bg-warn-50 px-3 py-2 text-sm text-warn-700"
        >
          <AlertTriangle size={14} aria-hidden="true" className="shrink-0" />
          <span className="flex-1">
            {t('editor.segment.newer', { current: newer, version: pinned.version })}
          </span>
          <Button
            size="sm"
            variant="secondary"
            onClick={() => onChange({ ...body, segment: { ...pinned, version: newer } })}
          >
            {t('editor.segment.update', { current: newer })}
          </Button>
        </div>
      )}
      <div className="grid grid-cols-2 gap-3">
        <Field label={t('editor.sendAt.label')} error={issueAt('send_at')}>
          {(control) => (
            <Input
              {...control}
              type="datetime-local"
              value={body.send_at ?? ''}
              onChange={(e) =>
                onChange({ ...body, send_at: e.target.value === '' ? null : e.target.value })
              }
            />
          )}
        </Field>
        <Field label={t('editor.sendAt.timeZone')} error={issueAt('time_zone')}>
          {(control) => (
            <Select
              {...control}
              value={body.time_zone}
              options={(TIME_ZONES.includes(body.time_zone)
                ? TIME_ZONES
                : [body.time_zone, ...TIME_ZONES]
              ).map((zone) => ({ value: zone, label: zone.replace('_', ' ') }))}
              onValueChange={(zone) => onChange({ ...body, time_zone: zone })}
            />
          )}
        </Field>
      </div>
      <div>
        <Field
          label={t('editor.holdout.label')}
          error={issueAt('holdout_share')}
          hint={t('editor.holdout.hint', { share: formatPercent(body.holdout_share) })}
        >
          {(control) => (
            <div className="flex w-28 items-center gap-1">
              <Input
                {...control}
                type="number"
                min={0}
                max={MAX_HOLDOUT_SHARE * 100}
                step={0.5}
                value={holdoutPercent}
                onChange={(e) => {
                  const percent = e.target.valueAsNumber;
                  if (!Number.isFinite(percent)) return;
                  const share = Math.min(Math.max(percent, 0), MAX_HOLDOUT_SHARE * 100) / 100;
                  onChange({ ...body, holdout_share: share });
                }}
                className="text-right"
              />
              <span className="text-sm text-fg-muted">%</span>
            </div>
          )}
        </Field>
      </div>
      <RolloutFields body={body} onChange={onChange} issueAt={issueAt} />
    </Section>
  );
}

/**
 * A whole percentile from 50 to 99, typed freely: each valid value is kept as it is typed ("9" on
 * the way to "90" is not), and leaving the field shows the kept value again.
 */
function PercentileInput({
  value,
  onCommit,
  ...control
}: { value: number; onCommit: (value: number) => void } & Omit<
  ComponentProps<typeof Input>,
  'value' | 'onChange' | 'onBlur'
>) {
  const [text, setText] = useState(String(value));
  // A value changed from outside (undo, another version loaded) replaces what was typed.
  const [kept, setKept] = useState(value);
  if (kept !== value) {
    setKept(value);
    setText(String(value));
  }
  return (
    <Input
      {...control}
      type="number"
      min={50}
      max={99}
      step={1}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const typed = Number(e.target.value);
        if (Number.isInteger(typed) && typed >= 50 && typed <= 99 && typed !== value) {
          onCommit(typed);
        }
      }}
      onBlur={() => setText(String(value))}
      className="text-right"
    />
  );
}

/** In which waves the campaign is sent: the loyal first (and from which propensity), or at once. */
function RolloutFields({ body, onChange, issueAt }: FormProps) {
  const { t } = useTranslation('campaigns');
  const { rollout } = body;
  return (
    <div className="grid grid-cols-[1fr_12rem] items-start gap-3">
      <Field
        label={t('editor.rollout.label')}
        error={issueAt('rollout.strategy')}
        hint={t(`editor.rollout.hint.${rollout.strategy}`)}
      >
        {(control) => (
          <Select
            {...control}
            value={rollout.strategy}
            options={rolloutStrategy.options.map((strategy) => ({
              value: strategy,
              label: t(`editor.rollout.strategy.${strategy}`),
            }))}
            onValueChange={(value) => {
              const strategy = rolloutStrategy.safeParse(value);
              if (strategy.success) {
                onChange({ ...body, rollout: { ...rollout, strategy: strategy.data } });
              }
            }}
          />
        )}
      </Field>
      {rollout.strategy === 'loyal_first' && (
        <Field
          label={t('editor.rollout.percentile')}
          error={issueAt('rollout.min_propensity_percentile')}
          hint={t('editor.rollout.percentileHint', {
            top: 100 - rollout.min_propensity_percentile,
          })}
        >
          {(control) => (
            <PercentileInput
              {...control}
              value={rollout.min_propensity_percentile}
              onCommit={(percentile) =>
                onChange({
                  ...body,
                  rollout: { ...rollout, min_propensity_percentile: percentile },
                })
              }
            />
          )}
        </Field>
      )}
    </div>
  );
}

const NEW_OFFER: Offer = {
  target: { kind: 'category', category: 'films' },
  price: { kind: 'percent', percent: 10 },
  valid_from: null,
  valid_to: null,
  title: '',
};

/** The amount a price holds, as typed: euros for prices and amounts, a whole % otherwise. */
function amountOf(price: OfferPrice): number {
  return price.kind === 'percent' ? price.percent : price.cents / 100;
}

function priceOf(kind: OfferPrice['kind'], amount: number): OfferPrice {
  if (kind === 'percent') return { kind, percent: Math.min(Math.max(Math.round(amount), 1), 99) };
  return { kind, cents: Math.max(Math.round(amount * 100), 1) };
}

export function OfferSection({ body, onChange, issueAt }: FormProps) {
  const { t } = useTranslation('campaigns');
  const { t: tc } = useTranslation('customers');
  const offer = body.offer;
  const set = (next: Offer) => onChange({ ...body, offer: next });
  const target = offer?.target;
  return (
    <Section title={t('editor.section.offer')}>
      {offer === null || target === undefined ? (
        <Button variant="secondary" onClick={() => set(NEW_OFFER)}>
          {t('editor.offer.add')}
        </Button>
      ) : (
        <>
          <div className="grid grid-cols-[10rem_1fr] gap-3">
            <Field label={t('editor.offer.on')}>
              {(control) => (
                <Select
                  {...control}
                  value={offer.target.kind}
                  options={(['product', 'category'] as const).map((kind) => ({
                    value: kind,
                    label: t(`editor.offer.kind.${kind}`),
                  }))}
                  onValueChange={(kind) =>
                    set({
                      ...offer,
                      target: kind === 'product' ? { kind, sku: '' } : { kind, category: 'films' },
                    })
                  }
                />
              )}
            </Field>
            {target.kind === 'product' ? (
              <Field label={t('editor.offer.sku')} error={issueAt('offer.target.sku')}>
                {(control) => (
                  <Input
                    {...control}
                    value={target.sku}
                    onChange={(e) =>
                      set({ ...offer, target: { kind: 'product', sku: e.target.value } })
                    }
                  />
                )}
              </Field>
            ) : (
              <Field label={t('editor.offer.category')}>
                {(control) => (
                  <Select
                    {...control}
                    value={target.category}
                    options={productCategory.options.map((c) => ({
                      value: c,
                      label: tc(`category.${c}`),
                    }))}
                    onValueChange={(category) =>
                      set({ ...offer, target: { kind: 'category', category } })
                    }
                  />
                )}
              </Field>
            )}
          </div>
          <div className="grid grid-cols-[10rem_8rem_minmax(0,1fr)_minmax(0,1fr)] gap-3">
            <Field label={t('editor.offer.priceKind')}>
              {(control) => (
                <Select
                  {...control}
                  value={offer.price.kind}
                  options={(['price', 'percent', 'amount_off'] as const).map((kind) => ({
                    value: kind,
                    label: t(`editor.offer.price.${kind}`),
                  }))}
                  onValueChange={(kind) =>
                    set({ ...offer, price: priceOf(kind, amountOf(offer.price)) })
                  }
                />
              )}
            </Field>
            <Field label={t('editor.offer.amount')} error={issueAt('offer.price')}>
              {(control) => (
                <Input
                  {...control}
                  type="number"
                  min={offer.price.kind === 'percent' ? 1 : 0.01}
                  max={offer.price.kind === 'percent' ? 99 : undefined}
                  step={offer.price.kind === 'percent' ? 1 : 0.01}
                  value={amountOf(offer.price)}
                  onChange={(e) => {
                    const amount = e.target.valueAsNumber;
                    if (Number.isFinite(amount)) {
                      set({ ...offer, price: priceOf(offer.price.kind, amount) });
                    }
                  }}
                  className="text-right"
                />
              )}
            </Field>
            <Field label={t('editor.offer.validFrom')} error={issueAt('offer.valid_from')}>
              {(control) => (
                <Input
                  {...control}
                  type="date"
                  value={offer.valid_from ?? ''}
                  onChange={(e) =>
                    set({ ...offer, valid_from: e.target.value === '' ? null : e.target.value })
                  }
                />
              )}
            </Field>
            <Field label={t('editor.offer.validTo')} error={issueAt('offer.valid_to')}>
              {(control) => (
                <Input
                  {...control}
                  type="date"
                  value={offer.valid_to ?? ''}
                  onChange={(e) =>
                    set({ ...offer, valid_to: e.target.value === '' ? null : e.target.value })
                  }
                />
              )}
            </Field>
          </div>
          <Field label={t('editor.offer.title')} hint={t('editor.offer.titleHint')}>
            {(control) => (
              <Input
                {...control}
                value={offer.title}
                maxLength={200}
                onChange={(e) => set({ ...offer, title: e.target.value })}
              />
            )}
          </Field>
          <Button variant="ghost" size="sm" onClick={() => onChange({ ...body, offer: null })}>
            {t('editor.offer.remove')}
          </Button>
        </>
      )}
    </Section>
  );
}

export function RecommendationSection({ body, onChange, issueAt }: FormProps) {
  const { t } = useTranslation('campaigns');
  const slot = body.recommendation;
  return (
    <Section title={t('editor.section.recommendations')}>
      {slot === null ? (
        <Button
          variant="secondary"
          onClick={() =>
            onChange({ ...body, recommendation: { strategy: 'complements', count: 3 } })
          }
        >
          {t('editor.recommendations.add')}
        </Button>
      ) : (
        <>
          <div className="grid grid-cols-[1fr_8rem] gap-3">
            <Field
              label={t('editor.recommendations.strategy')}
              error={issueAt('recommendation.strategy')}
            >
              {(control) => (
                <Select
                  {...control}
                  value={slot.strategy}
                  options={recommendationStrategy.options.map((s) => ({
                    value: s,
                    label: t(`editor.strategy.${s}`),
                  }))}
                  onValueChange={(strategy) =>
                    onChange({ ...body, recommendation: { ...slot, strategy } })
                  }
                />
              )}
            </Field>
            <Field label={t('editor.recommendations.count')}>
              {(control) => (
                <Input
                  {...control}
                  type="number"
                  min={1}
                  max={MAX_RECOMMENDATIONS}
                  value={slot.count}
                  onChange={(e) => {
                    const count = e.target.valueAsNumber;
                    if (!Number.isInteger(count)) return;
                    onChange({
                      ...body,
                      recommendation: {
                        ...slot,
                        count: Math.min(Math.max(count, 1), MAX_RECOMMENDATIONS),
                      },
                    });
                  }}
                  className="text-right"
                />
              )}
            </Field>
          </div>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => onChange({ ...body, recommendation: null })}
          >
            {t('editor.recommendations.remove')}
          </Button>
        </>
      )}
    </Section>
  );
}

/** A campaign issue in the user's words. */
export function useIssueWords(): (issue: CampaignIssue) => string {
  const { t } = useTranslation('campaigns');
  return (issue) => {
    const params = { ...issue.params };
    const part = templatePart.safeParse(params.part);
    if (issue.code === 'template_part_required' && part.success) {
      params.part = t(`editor.part.${part.data}`);
    }
    return t(`editor.issue.${issue.code}`, params);
  };
}
