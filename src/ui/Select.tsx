// A single-choice dropdown over a short, known list of options (Radix Select, keyboard included).
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type ComponentProps,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Select as RadixSelect } from 'radix-ui';
import { Check, ChevronDown } from 'lucide-react';
import { clsx } from 'clsx';
import { controlClass } from './Input.tsx';

export type SelectOption<V extends string> = { value: V; label: ReactNode; disabled?: boolean };

export type SelectProps<V extends string> = {
  /** The chosen value; undefined shows the placeholder. */
  value: V | undefined;
  onValueChange: (value: V) => void;
  options: readonly SelectOption<V>[];
  placeholder?: string;
  size?: 'sm' | 'md';
  disabled?: boolean;
  name?: string;
  className?: string;
} & Pick<
  ComponentProps<'button'>,
  'id' | 'aria-label' | 'aria-labelledby' | 'aria-describedby' | 'aria-invalid'
>;

/**
 * While the list is open, Radix hides the rest of the page from screen readers (aria-hidden) but
 * leaves it focusable; marking the same elements inert makes it unfocusable too, as a modal list
 * means (and as the aria-hidden-focus rule asks). Returns what to call on close: the marks go
 * before focus goes back to the trigger.
 */
function useInertWhileOpen(open: boolean): () => void {
  const marked = useRef<Element[]>([]);
  const release = useCallback(() => {
    for (const element of marked.current) element.removeAttribute('inert');
    marked.current = [];
  }, []);
  useEffect(() => {
    if (!open) return;
    // After Radix has hidden the others (its effect runs once the list is in the page).
    const frame = requestAnimationFrame(() => {
      marked.current = [...document.querySelectorAll('[data-aria-hidden="true"]')].filter(
        (element) => !element.hasAttribute('inert'),
      );
      for (const element of marked.current) element.setAttribute('inert', '');
    });
    return () => {
      cancelAnimationFrame(frame);
      release();
    };
  }, [open, release]);
  return release;
}

export function Select<V extends string>({
  value,
  onValueChange,
  options,
  placeholder,
  size = 'md',
  disabled,
  name,
  className,
  ...triggerProps
}: SelectProps<V>) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const release = useInertWhileOpen(open);
  const openChange = (next: boolean) => {
    if (!next) release();
    setOpen(next);
  };
  const change = (next: string) => {
    const option = options.find((o) => o.value === next);
    if (option) onValueChange(option.value);
  };
  return (
    <RadixSelect.Root
      value={value ?? ''}
      onValueChange={change}
      open={open}
      onOpenChange={openChange}
      disabled={disabled}
      name={name}
    >
      <RadixSelect.Trigger
        className={clsx(
          controlClass,
          'inline-flex items-center justify-between gap-2 text-left data-placeholder:text-fg-subtle',
          size === 'sm' && 'h-6 text-sm',
          className,
        )}
        {...triggerProps}
      >
        <span className="truncate">
          <RadixSelect.Value placeholder={placeholder ?? t('state.choose')} />
        </span>
        <RadixSelect.Icon className="text-fg-subtle">
          <ChevronDown size={14} aria-hidden="true" />
        </RadixSelect.Icon>
      </RadixSelect.Trigger>
      <RadixSelect.Portal>
        <RadixSelect.Content
          position="popper"
          sideOffset={4}
          className={clsx(
            'z-50 max-h-(--radix-select-content-available-height) min-w-(--radix-select-trigger-width)',
            'animate-pop-in overflow-hidden rounded-md bg-surface shadow-popover',
          )}
        >
          <RadixSelect.Viewport className="p-1">
            {options.map((option) => (
              <RadixSelect.Item
                key={option.value}
                value={option.value}
                disabled={option.disabled}
                className={clsx(
                  'relative flex h-7 cursor-default items-center rounded-sm pr-2 pl-7 text-base outline-none select-none',
                  'data-disabled:text-fg-subtle data-highlighted:bg-accent-50 data-highlighted:text-accent-800',
                )}
              >
                <RadixSelect.ItemIndicator className="absolute left-2 inline-flex text-accent-600">
                  <Check size={14} aria-hidden="true" />
                </RadixSelect.ItemIndicator>
                <RadixSelect.ItemText>{option.label}</RadixSelect.ItemText>
              </RadixSelect.Item>
            ))}
          </RadixSelect.Viewport>
        </RadixSelect.Content>
      </RadixSelect.Portal>
    </RadixSelect.Root>
  );
}
