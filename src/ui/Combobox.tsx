// A text input with a suggestion list (WAI-ARIA combobox): the caller owns the text and the items.
import { useEffect, useId, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { clsx } from 'clsx';
import { controlClass } from './Input.tsx';
import { Spinner } from './Spinner.tsx';

export type ComboboxProps<T> = {
  items: readonly T[];
  getKey: (item: T) => string;
  renderItem: (item: T, state: { active: boolean }) => ReactNode;
  onSelect: (item: T) => void;
  inputValue: string;
  onInputChange: (value: string) => void;
  /** Results are on their way; earlier items stay listed meanwhile. */
  loading?: boolean;
  emptyText?: ReactNode;
  placeholder?: string;
  /** The listbox's accessible name. */
  listLabel?: string;
  id?: string;
  ref?: Ref<HTMLInputElement>;
  'aria-label'?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  className?: string;
};

export function Combobox<T>({
  items,
  getKey,
  renderItem,
  onSelect,
  inputValue,
  onInputChange,
  loading = false,
  emptyText,
  placeholder,
  listLabel,
  className,
  ...inputProps
}: ComboboxProps<T>) {
  const { t } = useTranslation();
  const baseId = useId();
  const listboxId = `${baseId}-listbox`;
  const optionId = (index: number) => `${baseId}-option-${index}`;
  const [open, setOpen] = useState(false);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const activeIndex = items.findIndex((item) => getKey(item) === activeKey);
  const visible = open && (loading || items.length > 0 || inputValue.trim() !== '');

  useEffect(() => {
    if (!visible || activeIndex < 0) return;
    const option = document.getElementById(`${baseId}-option-${activeIndex}`);
    if (option && typeof option.scrollIntoView === 'function') {
      option.scrollIntoView({ block: 'nearest' });
    }
  }, [visible, activeIndex, baseId]);

  const moveTo = (index: number) => {
    const item = items[index];
    setActiveKey(item === undefined ? null : getKey(item));
  };
  const choose = (item: T) => {
    setOpen(false);
    setActiveKey(null);
    onSelect(item);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = items.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const down = event.key === 'ArrowDown';
      if (!visible) setOpen(true);
      if (count === 0) return;
      if (activeIndex < 0 || !visible) moveTo(down ? 0 : count - 1);
      else moveTo((activeIndex + (down ? 1 : count - 1)) % count);
    } else if (event.key === 'Enter') {
      const item = visible ? items[activeIndex] : undefined;
      if (item !== undefined) {
        event.preventDefault();
        choose(item);
      }
    } else if (event.key === 'Escape') {
      if (visible) {
        event.preventDefault();
        setOpen(false);
        setActiveKey(null);
      } else if (inputValue !== '') {
        event.preventDefault();
        onInputChange('');
      }
    }
  };

  return (
    <div className={clsx('relative', className)}>
      <input
        {...inputProps}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={visible}
        aria-controls={listboxId}
        aria-activedescendant={visible && activeIndex >= 0 ? optionId(activeIndex) : undefined}
        placeholder={placeholder}
        value={inputValue}
        className={clsx(controlClass, 'pr-7')}
        onChange={(event) => {
          onInputChange(event.target.value);
          setOpen(true);
          setActiveKey(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      {loading && (
        <Spinner className="pointer-events-none absolute top-1.5 right-2 text-fg-subtle" />
      )}
      <div
        hidden={!visible}
        className="absolute inset-x-0 top-full z-40 mt-1 animate-pop-in overflow-hidden rounded-md bg-surface shadow-popover"
      >
        <ul
          id={listboxId}
          role="listbox"
          aria-label={listLabel ?? t('state.suggestions')}
          className="max-h-72 overflow-y-auto p-1 empty:hidden"
        >
          {items.map((item, index) => (
            <li
              key={getKey(item)}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              className={clsx(
                'cursor-default rounded-sm px-2 py-1 text-base',
                index === activeIndex && 'bg-accent-50 text-accent-800',
              )}
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => moveTo(index)}
              onClick={() => choose(item)}
            >
              {renderItem(item, { active: index === activeIndex })}
            </li>
          ))}
        </ul>
        {items.length === 0 && (
          <div role="status" className="flex items-center gap-2 px-3 py-2 text-base text-fg-muted">
            {loading ? t('state.searching') : (emptyText ?? t('state.noMatches'))}
          </div>
        )}
      </div>
    </div>
  );
}
