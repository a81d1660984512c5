// Find a customer by any identity (email, phone, loyalty card, device, social handle), name or id.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useNavigate } from 'react-router';
import type { SearchHit } from '../../api/contract.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Combobox } from '../../ui/Combobox.tsx';
import { describeError } from '../../ui/QueryState.tsx';
import { humanize } from '../../ui/format.ts';
import { displayName } from './names.ts';
import { customerQueries } from './queries.ts';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** `/` anywhere outside a text field focuses the search, as in most consoles. */
function useSlashToFocus(target: RefObject<HTMLInputElement | null>, autoFocus: boolean) {
  useEffect(() => {
    if (autoFocus) target.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      const el = event.target;
      const typing =
        el instanceof HTMLElement &&
        (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
      if (event.key === '/' && !typing && !event.metaKey && !event.ctrlKey) {
        event.preventDefault();
        target.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [target, autoFocus]);
}

export function CustomerSearch({ autoFocus = false }: { autoFocus?: boolean }) {
  const navigate = useNavigate();
  const inputRef = useRef<HTMLInputElement>(null);
  useSlashToFocus(inputRef, autoFocus);
  const [text, setText] = useState('');
  const query = useDebounced(text, 150);
  const search = useQuery(customerQueries.search(query));
  const tooShort = text.trim().length < 2;
  const hits = tooShort ? [] : (search.data?.hits ?? []);

  let emptyText = 'No customer matches. Try a full email, phone or loyalty card number.';
  if (tooShort) emptyText = 'Type at least 2 characters.';
  else if (search.isError) {
    const { title, detail } = describeError(search.error);
    emptyText = `${title}: ${detail}`;
  }

  return (
    <Combobox<SearchHit>
      aria-label="Search customers"
      placeholder="Name, email, phone, loyalty card, device or customer id"
      listLabel="Matching customers"
      ref={inputRef}
      items={hits}
      getKey={(hit) => hit.customer_id}
      inputValue={text}
      onInputChange={setText}
      loading={!tooShort && (search.isFetching || query !== text)}
      emptyText={emptyText}
      onSelect={(hit) => {
        setText('');
        void navigate(`/customers/${encodeURIComponent(hit.customer_id)}`);
      }}
      renderItem={(hit) => (
        <div className="flex items-center gap-2">
          <span className="min-w-0 truncate font-medium">
            {displayName(hit.first_name, hit.last_name)}
          </span>
          <span className="truncate text-sm text-fg-muted">{hit.city ?? ''}</span>
          <span className="ml-auto flex shrink-0 items-center gap-1.5 text-sm text-fg-muted">
            {hit.matched.kind === 'name' ? (
              <span className="max-w-64 truncate text-xs">{hit.email ?? 'no email'}</span>
            ) : (
              <>
                <Badge tone="accent">{humanize(hit.matched.kind)}</Badge>
                <span className="max-w-56 truncate font-mono text-xs">{hit.matched.value}</span>
              </>
            )}
            <span className="font-mono text-xs text-fg-subtle">{hit.customer_id}</span>
          </span>
        </div>
      )}
    />
  );
}
