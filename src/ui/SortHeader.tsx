// A sortable column header: a button that sorts by its column (again: the other way), the arrow
// and aria-sort saying which way the table is sorted now.
import { ArrowDown, ArrowUp } from 'lucide-react';
import { Th } from './Table.tsx';

export interface SortState<K extends string> {
  key: K;
  descending: boolean;
}

export function SortHeader<K extends string>(props: {
  label: string;
  column: K;
  sort: SortState<K>;
  onSort: (key: K) => void;
  numeric?: boolean;
}) {
  const active = props.sort.key === props.column;
  const Arrow = props.sort.descending ? ArrowDown : ArrowUp;
  return (
    <Th
      numeric={props.numeric ?? false}
      aria-sort={active ? (props.sort.descending ? 'descending' : 'ascending') : 'none'}
    >
      <button
        type="button"
        onClick={() => props.onSort(props.column)}
        className="inline-flex items-center gap-1 hover:text-fg"
      >
        {props.label}
        {active && <Arrow size={12} aria-hidden="true" />}
      </button>
    </Th>
  );
}
