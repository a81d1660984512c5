// The searchable field picker: every attribute, event, aggregate and reachability check the
// catalogue lists, grouped by kind, in the user's language. Arrow keys move, Enter picks, Escape
// closes.
import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactElement,
  type ReactNode,
} from 'react';
import type { MatchRange } from '../../domain/segment/field-search.ts';
import { Trans, useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { clsx } from 'clsx';
import { Search } from 'lucide-react';
import { Kbd } from '../../ui/Kbd.tsx';
import { Popover, PopoverContent, PopoverTrigger } from '../../ui/Popover.tsx';
import { useBuilderWords, type BuilderWords } from './builder-words.ts';
import type { PickerItem } from './catalogue-options.ts';
import { useFieldSearch } from './useFieldSearch.ts';

/** The label with the matched words marked (as text: labels may come from the data). */
function Highlighted({ text, ranges }: { text: string; ranges: readonly MatchRange[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  ranges.forEach(([from, to], i) => {
    if (from < at) return;
    if (from > at) parts.push(text.slice(at, from));
    parts.push(
      <mark key={i} className="bg-transparent font-semibold text-inherit">
        {text.slice(from, to)}
      </mark>,
    );
    at = to;
  });
  parts.push(text.slice(at));
  return <>{parts}</>;
}

function hint(item: PickerItem, t: TFunction<'builder'>, words: BuilderWords): string {
  const { target } = item;
  if (target.kind === 'behaviour' && target.filter)
    return words.field(target.filter.field.id, target.filter.field.label);
  if (target.kind === 'behaviour') {
    return target.action.type === 'order' ? t('picker.hint.orders') : t('picker.hint.event');
  }
  if (target.kind === 'reachability') return t('picker.hint.check');
  if (target.kind === 'segment') return t('picker.hint.segment');
  return t(`picker.type.${target.field.type}`);
}

export interface FieldPickerProps {
  items: readonly PickerItem[];
  onPick: (item: PickerItem) => void;
  /** The key of the current choice, marked in the list. */
  current?: string;
  /** The trigger button (rendered as is, with the popover's state on it). */
  children: ReactElement;
  /** A new row takes the focus after a pick: the trigger must not take it back. */
  keepFocusOnPick?: boolean;
}

export function FieldPicker({
  items,
  onPick,
  current,
  children,
  keepFocusOnPick,
}: FieldPickerProps) {
  const { t } = useTranslation('builder');
  const id = useId();
  const [open, setOpen] = useState(false);
  const words = useBuilderWords();
  // Searched in the words on screen.
  const shown = useMemo(
    () =>
      items.map((item) => {
        const { target } = item;
        // An order of a category is also found by the category's word on screen.
        const valueWord =
          target.kind === 'behaviour' && target.filter ? [words.value(target.filter.value)] : [];
        return {
          ...item,
          label: words.item(item),
          keywords: [...(item.keywords ?? []), ...valueWord],
          ...(item.searchOnly ? { searchOnly: [...item.searchOnly, ...valueWord] } : {}),
        };
      }),
    [items, words],
  );
  const search = useFieldSearch(shown, current);
  const { groups, flat, active } = search;
  const picked = useRef(false);
  const optionId = (item: PickerItem) => `${id}-${item.key}`;
  const activeId = active && optionId(active);
  useEffect(() => {
    const option = activeId === undefined ? null : document.getElementById(activeId);
    if (option && typeof option.scrollIntoView === 'function') {
      option.scrollIntoView({ block: 'nearest' });
    }
  }, [activeId]);

  const choose = (item: PickerItem) => {
    picked.current = true;
    setOpen(false);
    onPick(item);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    const step = steps[event.key];
    if (step !== undefined) {
      event.preventDefault();
      search.move(step);
    } else if (event.key === 'Enter' && active) {
      event.preventDefault();
      choose(active);
    }
  };

  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          picked.current = false;
          search.reset();
        }
      }}
    >
      <PopoverTrigger asChild>{children}</PopoverTrigger>
      <PopoverContent
        aria-label={t('picker.list')}
        className="w-96"
        onCloseAutoFocus={(event) => {
          if (picked.current && keepFocusOnPick) event.preventDefault();
        }}
      >
        <div className="relative">
          <Search
            size={14}
            aria-hidden="true"
            className="pointer-events-none absolute top-1.5 left-2 text-fg-subtle"
          />
          <input
            role="combobox"
            aria-label={t('picker.search')}
            aria-expanded="true"
            aria-controls={`${id}-list`}
            aria-activedescendant={activeId}
            aria-autocomplete="list"
            autoComplete="off"
            spellCheck={false}
            placeholder={t('picker.placeholder')}
            className="h-7 w-full rounded-md border border-line-control bg-surface pr-2 pl-7 text-base focus-visible:border-accent-500 focus-visible:outline-offset-0"
            value={search.query}
            onChange={(event) => search.setQuery(event.target.value)}
            onKeyDown={onKeyDown}
          />
        </div>
        <div
          id={`${id}-list`}
          role="listbox"
          aria-label={t('picker.list')}
          className="-mx-1 mt-2 max-h-80 overflow-y-auto"
        >
          {groups.map((g) => (
            <div key={g.kind} role="group" aria-labelledby={`${id}-${g.kind}`} className="pb-1">
              <div
                id={`${id}-${g.kind}`}
                className="px-2 pt-1.5 pb-1 text-xs font-medium text-fg-subtle"
              >
                {t(`picker.kind.${g.kind}`)}
              </div>
              {g.hits.map(({ item, ranges, keyword }) => (
                <div
                  key={item.key}
                  id={optionId(item)}
                  role="option"
                  aria-selected={item === active}
                  className={clsx(
                    'flex h-7 cursor-default items-center justify-between gap-3 rounded-sm px-2 text-base',
                    item === active && 'bg-accent-50 text-accent-800',
                    item.key === current && 'font-medium',
                  )}
                  onMouseDown={(event) => event.preventDefault()}
                  onMouseMove={() => search.setActive(item)}
                  onClick={() => choose(item)}
                >
                  <span className="truncate" title={item.label}>
                    <Highlighted text={item.label} ranges={ranges} />
                    {keyword !== null && ' '}
                    {keyword !== null && (
                      <span className="ml-1 text-xs text-fg-muted">
                        {t('picker.synonym', { word: keyword })}
                      </span>
                    )}
                  </span>
                  <span className="shrink-0 text-xs text-fg-muted">
                    <span className="sr-only">, </span>
                    {hint(item, t, words)}
                  </span>
                </div>
              ))}
            </div>
          ))}
          {flat.length === 0 && (
            <p role="status" className="px-2 py-3 text-sm text-fg-muted">
              {t('picker.nothing', { query: search.query.trim() })}
            </p>
          )}
        </div>
        <p className="mt-2 border-t border-line pt-2 text-xs leading-5 text-fg-subtle">
          <Trans
            t={t}
            i18nKey="picker.keys"
            components={{
              up: <Kbd className="mr-0.5" />,
              down: <Kbd />,
              enter: <Kbd />,
              esc: <Kbd />,
            }}
          />
        </p>
      </PopoverContent>
    </Popover>
  );
}
