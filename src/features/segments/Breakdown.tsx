// The members broken down by a customer attribute, a score or the channels, as a compact bar list.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { breakdownChoices, type BreakdownChoice } from './catalogue-options.ts';
import {
  ORDER_CHANNEL_BREAKDOWN,
  PROPENSITY_BANDS,
  REACH_BREAKDOWN,
  VALUE_BANDS,
  isMultiValued,
} from '../../domain/segment/breakdown.ts';
import type { CatalogueResponse, CountResponse } from '../../api/contract.ts';
import { Select } from '../../ui/Select.tsx';
import { formatCount } from '../../ui/format.ts';
import { share } from './audience-format.ts';
import { builderWords, type BuilderWords } from './builder-words.ts';

/**
 * A value as read: a propensity band in points, a predicted value band in euros, the codes of choice fields, scores and channels in
 * the catalogue's words, a missing value said so (for the channels: none).
 */
function valueLabel(
  t: TFunction<'segments'>,
  words: BuilderWords,
  value: string | null,
  choice: BreakdownChoice | undefined,
): string {
  if (value === null || value === '') {
    return choice?.kind === 'channel' ? t('breakdown.noChannel') : t('breakdown.notSet');
  }
  if (PROPENSITY_BANDS.includes(value)) {
    const [from, to] = value.split('-');
    return t('breakdown.band', { from, to });
  }
  if (VALUE_BANDS.includes(value)) {
    const [from = '', to] = value.replace('+', '').split('-');
    return to === undefined
      ? t('breakdown.valueFrom', { from: formatCount(Number(from)) })
      : t('breakdown.valueBand', { from: formatCount(Number(from)), to: formatCount(Number(to)) });
  }
  return choice?.coded === true ? words.value(value) : value;
}

/** A choice as the picker names it. */
function choiceLabel(t: TFunction<'segments'>, words: BuilderWords, choice: BreakdownChoice) {
  if (choice.id === REACH_BREAKDOWN) return t('breakdown.reach');
  if (choice.id === ORDER_CHANNEL_BREAKDOWN) return t('breakdown.orderChannel');
  return words.field(choice.id, choice.label ?? choice.id);
}

const NO_SEGMENTS: ReadonlyMap<string, string> = new Map();

export function Breakdown({
  catalogue,
  field,
  onField,
  data,
}: {
  catalogue: CatalogueResponse;
  field: string | null;
  onField: (field: string) => void;
  data: CountResponse;
}) {
  const { t } = useTranslation('segments');
  const { t: tBuilder } = useTranslation('builder');
  const words = useMemo(
    () => builderWords(tBuilder, catalogue, NO_SEGMENTS),
    [tBuilder, catalogue],
  );
  const choices = breakdownChoices(catalogue);
  const chosen = choices.find((f) => f.id === field);
  const values = data.breakdown?.field === field ? data.breakdown.values : [];
  const max = Math.max(1, ...values.map((v) => v.count));
  return (
    <section aria-labelledby="breakdown-heading" className="border-b border-line px-4 py-3">
      <div className="flex items-center justify-between gap-2">
        <h3 id="breakdown-heading" className="text-sm font-medium text-fg">
          {t('breakdown.heading')}
        </h3>
        <div className="w-40">
          <Select
            size="sm"
            aria-label={t('breakdown.by')}
            value={field ?? undefined}
            placeholder={t('breakdown.pick')}
            options={choices.map((f) => ({ value: f.id, label: choiceLabel(t, words, f) }))}
            onValueChange={onField}
          />
        </div>
      </div>
      {values.length === 0 ? (
        <p className="mt-2 text-sm text-fg-muted">{t('breakdown.none')}</p>
      ) : (
        <ul
          aria-label={t('breakdown.members', {
            attribute: chosen ? choiceLabel(t, words, chosen) : t('breakdown.attribute'),
          })}
          className="mt-2 space-y-1"
        >
          {values.map((v) => (
            <li
              key={v.value ?? '∅'}
              className="grid grid-cols-[7.5rem_1fr_auto] items-center gap-2 text-sm"
            >
              <span className="truncate text-fg" title={v.value ?? undefined}>
                {valueLabel(t, words, v.value, chosen)}
              </span>
              <span aria-hidden="true" className="h-1.5 rounded-full bg-subtle">
                <span
                  className="block h-full rounded-full bg-accent-500"
                  style={{ width: `${(v.count / max) * 100}%` }}
                />
              </span>
              <span className="w-24 text-right text-fg-muted tabular-nums">
                {formatCount(v.count)}{' '}
                <span className="text-fg-subtle">· {share(v.count, data.count)}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {values.length > 0 && field !== null && isMultiValued(field) && (
        <p className="mt-1.5 text-sm text-fg-muted">{t('breakdown.several')}</p>
      )}
    </section>
  );
}
