// When a behaviour or an aggregate counts: at any time, in the last N days, between two dates,
// before or after a date.
import { useTranslation } from 'react-i18next';
import type { TimeWindow } from '../../domain/segment/definition.ts';
import { Select } from '../../ui/Select.tsx';
import { useBuilder } from './builder-context.ts';
import { DEFAULT_DAYS, daysBefore } from './test-defaults.ts';
import { DateField, NumberField } from './ValueInputs.tsx';

type WindowType = TimeWindow['type'];
const WINDOW_TYPES: readonly WindowType[] = ['ever', 'last_days', 'between', 'before', 'after'];

function windowOf(type: WindowType, previous: TimeWindow, today: string): TimeWindow {
  const date =
    previous.type === 'before' || previous.type === 'after'
      ? previous.date
      : previous.type === 'between'
        ? previous.from
        : daysBefore(today, DEFAULT_DAYS);
  switch (type) {
    case 'ever':
      return { type };
    case 'last_days':
      return { type, days: DEFAULT_DAYS };
    case 'between':
      return { type, from: date, to: today };
    case 'before':
    case 'after':
      return { type, date };
  }
}

const Word = ({ children }: { children: string }) => (
  <span className="text-base text-fg-muted">{children}</span>
);

export function WindowEditor({
  nodeId,
  name,
  window,
  onWindow,
}: {
  nodeId: string;
  name: string;
  window: TimeWindow;
  onWindow: (window: TimeWindow, coalesce?: string) => void;
}) {
  const { t } = useTranslation('builder');
  const api = useBuilder();
  const box = (part: string, label: string) => ({ nodeId, path: `window.${part}`, label });
  return (
    <>
      <div className="shrink-0">
        <Select
          aria-label={t('window.label', { name })}
          aria-invalid={api.issues(nodeId).some((i) => i.path === 'window') || undefined}
          value={window.type}
          options={WINDOW_TYPES.map((value) => ({ value, label: t(`window.type.${value}`) }))}
          onValueChange={(type) => onWindow(windowOf(type, window, api.today))}
        />
      </div>
      {window.type === 'last_days' && (
        <>
          <NumberField
            {...box('days', t('window.daysFor', { name }))}
            className="w-16"
            integer
            min={1}
            max={36_500}
            value={window.days}
            onValue={(days) => onWindow({ ...window, days }, `${nodeId}:window.days`)}
          />
          <Word>{t('window.days')}</Word>
        </>
      )}
      {window.type === 'between' && (
        <>
          <DateField
            {...box('from', t('window.fromFor', { name }))}
            value={window.from}
            onValue={(from) => onWindow({ ...window, from })}
          />
          <Word>{t('window.and')}</Word>
          <DateField
            {...box('to', t('window.toFor', { name }))}
            value={window.to}
            onValue={(to) => onWindow({ ...window, to })}
          />
        </>
      )}
      {(window.type === 'before' || window.type === 'after') && (
        <DateField
          {...box('date', t('window.dateFor', { name }))}
          value={window.date}
          onValue={(date) => onWindow({ ...window, date })}
        />
      )}
    </>
  );
}
