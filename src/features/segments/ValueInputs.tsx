// Single-value boxes of a condition: a number (half-typed text kept as a draft), a calendar date,
// and a text with type-ahead from the catalogue's known values.
import { useState } from 'react';
import { clsx } from 'clsx';
import { useTranslation } from 'react-i18next';
import { Combobox } from '../../ui/Combobox.tsx';
import { Input } from '../../ui/Input.tsx';
import { MAX_TEXT_CHARS } from '../../domain/segment/definition.ts';
import { formatDecimalInput } from '../../ui/format.ts';
import {
  TYPED_BOUNDS,
  toStored,
  toTyped,
  typedDecimals,
  type NumberUnit,
} from '../../domain/segment/number-units.ts';
import { hasIssue, useBuilder } from './builder-context.ts';

export interface BoxProps {
  nodeId: string;
  /** Dotted path of the value inside the node: marks the box invalid when it has an issue. */
  path: string;
  label: string;
  className?: string;
  autoFocus?: boolean;
}

function useBox({ nodeId, path }: BoxProps) {
  const api = useBuilder();
  const invalid = hasIssue(api.issues(nodeId), path);
  return {
    api,
    control: {
      'aria-invalid': invalid || undefined,
      'aria-describedby': invalid ? `${nodeId}-issues` : undefined,
    },
  };
}

/** A typed number read leniently: "1 234,50 €", "12.5", " 30 % " (spaces and a unit allowed). */
function parseTyped(text: string): number {
  const bare = text.replace(/[\s\u00a0\u202f€%]/g, '').replace(',', '.');
  return bare === '' ? Number.NaN : Number(bare);
}

export function NumberField({
  value,
  onValue,
  integer = false,
  min,
  max,
  unit,
  ...box
}: BoxProps & {
  value: number | string;
  onValue: (n: number) => void;
  integer?: boolean;
  min?: number;
  max?: number;
  /** What the field measures: money is typed in euros (stored in cents), with its bounds. */
  unit?: NumberUnit;
}) {
  const { t } = useTranslation('builder');
  const { api, control } = useBox(box);
  const draft = api.draft(box.nodeId, box.path);
  // What was last typed, shown as typed while it still means the value ("125," is 125 € and
  // must not become "125" under the cursor); an undo or another edit shows the value anew.
  const [typed, setTyped] = useState<string | null>(null);
  const typedValue = typed === null ? Number.NaN : parseTyped(typed);
  const current =
    Number.isFinite(typedValue) && toStored(typedValue, unit) === value ? typed : null;
  const shown =
    draft ??
    current ??
    (typeof value === 'number' ? formatDecimalInput(toTyped(value, unit)) : value);
  const bounds = unit === undefined ? undefined : TYPED_BOUNDS[unit];
  const low = min ?? bounds?.min;
  const high = max ?? bounds?.max;
  const decimals = integer ? 0 : typedDecimals(unit);
  const change = (text: string) => {
    setTyped(text);
    const n = parseTyped(text);
    let message: string | null = null;
    const bound = (b: number | undefined) => (b === undefined ? '…' : formatDecimalInput(b, true));
    if (!Number.isFinite(n)) message = t('input.typeNumber');
    else if (decimals === 0 && !Number.isInteger(n)) message = t('input.typeWhole');
    else if (
      decimals !== undefined &&
      Math.abs(n * 10 ** decimals - Math.round(n * 10 ** decimals)) > 1e-6
    )
      message = t('input.decimals', { count: decimals });
    else if ((low !== undefined && n < low) || (high !== undefined && n > high)) {
      message = t(unit === undefined ? 'input.range' : `input.rangeIn.${unit}`, {
        min: bound(low),
        max: bound(high),
      });
    }
    if (message === null) {
      api.setDraft(box.nodeId, box.path, null);
      onValue(toStored(n, unit));
    } else api.setDraft(box.nodeId, box.path, { text, message });
  };
  const suffix = unit === 'cents' || unit === 'euros' ? '€' : unit === 'percent' ? '%' : null;
  return (
    <div className={clsx('flex shrink-0 items-center gap-1', box.className ?? 'w-20')}>
      <Input
        {...control}
        aria-label={box.label}
        inputMode={decimals === 0 ? 'numeric' : 'decimal'}
        autoComplete="off"
        data-autofocus={box.autoFocus || undefined}
        className="text-right tabular-nums"
        value={shown}
        onChange={(event) => change(event.target.value)}
      />
      {suffix !== null && (
        <span aria-hidden className="text-sm text-fg-muted">
          {suffix}
        </span>
      )}
    </div>
  );
}

export function DateField({
  value,
  onValue,
  ...box
}: BoxProps & { value: string; onValue: (date: string) => void }) {
  const { t } = useTranslation('builder');
  const { api, control } = useBox(box);
  const draft = api.draft(box.nodeId, box.path);
  return (
    <div className={clsx('shrink-0', box.className ?? 'w-36')}>
      <Input
        {...control}
        type="date"
        aria-label={box.label}
        data-autofocus={box.autoFocus || undefined}
        className="tabular-nums"
        value={draft ?? value}
        onChange={(event) => {
          const date = event.target.value;
          if (date === '')
            api.setDraft(box.nodeId, box.path, { text: '', message: t('input.pickDate') });
          else {
            api.setDraft(box.nodeId, box.path, null);
            onValue(date);
          }
        }}
      />
    </div>
  );
}

const SHOWN_SUGGESTIONS = 25;

/** Free text, with the catalogue's most frequent values offered as you type. */
export function TextValue({
  value,
  onValue,
  suggestions,
  listLabel,
  ...box
}: BoxProps & {
  /** Names the list of known values: "Known values for City". */
  listLabel: string;
  value: string;
  /** `typing` is true for keystrokes (one undo step per box), false for a picked suggestion. */
  onValue: (text: string, typing: boolean) => void;
  suggestions: readonly string[];
}) {
  const { t } = useTranslation('builder');
  const { api, control } = useBox(box);
  const [touched, setTouched] = useState(false);
  const draft = api.draft(box.nodeId, box.path);
  // The value is stored trimmed (" Paris " is Paris); the box keeps what was typed, spaces
  // included, while it still means the value.
  const [typed, setTyped] = useState<string | null>(null);
  const shown = draft ?? (typed !== null && typed.trim() === value ? typed : value);
  const needle = shown.trim().toLowerCase();
  const items = suggestions
    .filter((s) => !touched || needle === '' || s.toLowerCase().includes(needle))
    .filter((s) => s !== value)
    .slice(0, SHOWN_SUGGESTIONS);
  return (
    <div
      className={clsx('shrink-0', box.className ?? 'w-44')}
      data-autofocus-within={box.autoFocus || undefined}
    >
      <Combobox<string>
        {...control}
        aria-label={box.label}
        placeholder={
          suggestions.length > 0 ? t('values.typeOrPick') : t('values.typeValueEllipsis')
        }
        listLabel={listLabel}
        items={items}
        getKey={(s) => s}
        renderItem={(s) => s}
        inputValue={shown}
        emptyText={suggestions.length > 0 ? t('values.noMatch') : t('values.anyText')}
        onInputChange={(text) => {
          setTouched(true);
          setTyped(text);
          if (text.trim().length > MAX_TEXT_CHARS) {
            // Kept as typed and marked, never emptied: the marketer shortens it.
            api.setDraft(box.nodeId, box.path, {
              text,
              message: t('input.tooLong', {
                max: formatDecimalInput(MAX_TEXT_CHARS, true),
                count: formatDecimalInput(text.trim().length, true),
              }),
            });
            return;
          }
          // Only a box holding a draft clears it: no extra builder update per keystroke.
          if (draft !== undefined) api.setDraft(box.nodeId, box.path, null);
          onValue(text.trim(), true);
        }}
        onSelect={(s) => {
          setTyped(null);
          api.setDraft(box.nodeId, box.path, null);
          onValue(s, false);
        }}
      />
    </div>
  );
}
