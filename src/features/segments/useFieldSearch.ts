// The field picker's search: items ranked by what is typed (field-search.ts: labels in any order
// and without accents, then the marketer's synonyms), grouped by kind with the best group first,
// and the option the arrow keys have reached (by key, so filtering never points it at another item).
import { useState } from 'react';
import { searchWords } from '../../domain/profile/search.ts';
import { searchFields, type FieldHit } from '../../domain/segment/field-search.ts';
import { PICKER_KINDS, type PickerItem } from './catalogue-options.ts';

export type PickerHit = FieldHit<PickerItem>;

export function useFieldSearch(items: readonly PickerItem[], current: string | undefined) {
  const [query, setQueryText] = useState('');
  const [activeKey, setActiveKey] = useState<string | undefined>(current);
  const searching = query.trim() !== '';
  const typed = searchWords(query);
  const offered = (item: PickerItem) =>
    item.searchOnly === undefined ||
    item.searchOnly.some((text) =>
      searchWords(text).some((word) => typed.some((w) => word.startsWith(w))),
    );
  const hits = searchFields(items.filter(offered), query);
  const groups = PICKER_KINDS.map((k) => {
    const inKind = hits.filter((h) => h.item.kind === k.kind);
    return { ...k, hits: inKind, best: inKind[0]?.rank ?? Infinity };
  })
    .filter((g) => g.hits.length > 0)
    .map((g, order) => ({ g, order }))
    .sort((a, b) => (searching ? a.g.best - b.g.best : 0) || a.order - b.order)
    .map(({ g }) => g);
  const flat = groups.flatMap((g) => g.hits.map((h) => h.item));
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
