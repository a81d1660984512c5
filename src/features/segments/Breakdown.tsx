// The members broken down by one customer attribute, as a compact bar list.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { breakdownFields } from './catalogue-options.ts';
import type { CatalogueResponse, CountResponse } from '../../api/contract.ts';
import { Select } from '../../ui/Select.tsx';
import { formatCount } from '../../ui/format.ts';
import { share } from './audience-format.ts';
import { builderWords, type BuilderWords } from './builder-words.ts';

/** A value as read: the codes of choice fields in the catalogue's words, a missing value said so. */
function valueLabel(
  t: TFunction<'segments'>,
  words: BuilderWords,
  value: string | null,
  isChoice: boolean,
): string {
  if (value === null || value === '') return t('breakdown.notSet');
  return isChoice ? words.value(value) : value;
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
  const attributes = breakdownFields(catalogue);
  const chosen = attributes.find((f) => f.id === field);
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
            options={attributes.map((f) => ({ value: f.id, label: words.field(f.id, f.label) }))}
            onValueChange={onField}
          />
        </div>
      </div>
      {values.length === 0 ? (
        <p className="mt-2 text-sm text-fg-muted">{t('breakdown.none')}</p>
      ) : (
        <ul
          aria-label={t('breakdown.members', {
            attribute: chosen ? words.field(chosen.id, chosen.label) : t('breakdown.attribute'),
          })}
          className="mt-2 space-y-1"
        >
          {values.map((v) => (
            <li
              key={v.value ?? '∅'}
              className="grid grid-cols-[7.5rem_1fr_auto] items-center gap-2 text-sm"
            >
              <span className="truncate text-fg" title={v.value ?? undefined}>
                {valueLabel(t, words, v.value, chosen?.type === 'enum')}
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
    </section>
  );
}
