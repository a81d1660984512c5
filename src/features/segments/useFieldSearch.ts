// The field picker's search: items filtered by what is typed, grouped by kind, and the option the
// arrow keys have reached (by key, so filtering never points it at another item).
import { useState } from 'react';
import { PICKER_KINDS, type PickerItem } from './catalogue-options.ts';

export function useFieldSearch(items: readonly PickerItem[], current: string | undefined) {
  const [query, setQueryText] = useState('');
  const [activeKey, setActiveKey] = useState<string | undefined>(current);
  const needle = query.trim().toLowerCase();
  const shown = items.filter((i) => needle === '' || i.label.toLowerCase().includes(needle));
  const groups = PICKER_KINDS.map((k) => ({
    ...k,
    items: shown.filter((i) => i.kind === k.kind),
  })).filter((g) => g.items.length > 0);
  const flat = groups.flatMap((g) => g.items);
  const active = flat.find((i) => i.key === activeKey) ?? flat[0];

  return {
    query,
    groups,
    flat,
    active,
    setQuery: (text: string) => {
      setQueryText(text);
      setActiveKey(undefined);
    },
    setActive: (item: PickerItem) => setActiveKey(item.key),
    /** Moves the active option by `step`, wrapping round. */
    move: (step: number) => {
      if (flat.length === 0) return;
      const at = active ? flat.indexOf(active) : 0;
      setActiveKey(flat[(at + step + flat.length) % flat.length]?.key);
    },
    /** A fresh search, on the current choice, each time the picker opens. */
    reset: () => {
      setQueryText('');
      setActiveKey(current);
    },
  };
}
