// When a behaviour or an aggregate counts: at any time, in the last N days, between two dates,
// before or after a date.
import type { TimeWindow } from '../../domain/segment/definition.ts';
import { Select } from '../../ui/Select.tsx';
import { useBuilder } from './builder-context.ts';
import { DEFAULT_DAYS, daysBefore } from './test-defaults.ts';
import { DateField, NumberField } from './ValueInputs.tsx';

type WindowType = TimeWindow['type'];
const WINDOW_OPTIONS: { value: WindowType; label: string }[] = [
  { value: 'ever', label: 'at any time' },
  { value: 'last_days', label: 'in the last' },
  { value: 'between', label: 'between' },
  { value: 'before', label: 'before' },
  { value: 'after', label: 'after' },
];

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
  const api = useBuilder();
  const box = (part: string, label: string) => ({
    nodeId,
    path: `window.${part}`,
    label: `${label} for ${name}`,
  });
  return (
    <>
      <div className="shrink-0">
        <Select
          aria-label={`Time window for ${name}`}
          aria-invalid={api.issues(nodeId).some((i) => i.path === 'window') || undefined}
          value={window.type}
          options={WINDOW_OPTIONS}
          onValueChange={(type) => onWindow(windowOf(type, window, api.today))}
        />
      </div>
      {window.type === 'last_days' && (
        <>
          <NumberField
            {...box('days', 'Days')}
            className="w-16"
            integer
            min={1}
            max={36_500}
            value={window.days}
            onValue={(days) => onWindow({ ...window, days }, `${nodeId}:window.days`)}
          />
          <Word>days</Word>
        </>
      )}
      {window.type === 'between' && (
        <>
          <DateField
            {...box('from', 'From date')}
            value={window.from}
            onValue={(from) => onWindow({ ...window, from })}
          />
          <Word>and</Word>
          <DateField
            {...box('to', 'To date')}
            value={window.to}
            onValue={(to) => onWindow({ ...window, to })}
          />
        </>
      )}
      {(window.type === 'before' || window.type === 'after') && (
        <DateField
          {...box('date', 'Date')}
          value={window.date}
          onValue={(date) => onWindow({ ...window, date })}
        />
      )}
    </>
  );
}
