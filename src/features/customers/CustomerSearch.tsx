// Find a customer by any identity (email, phone, loyalty card, device, social handle), name or id.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SEARCH_MAX_CHARS, SEARCH_MIN_CHARS, type SearchHit } from '../../api/contract.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Combobox } from '../../ui/Combobox.tsx';
import { describeError } from '../../ui/QueryState.tsx';
import { useErrorWords } from '../../ui/error-words.ts';
import { formatCount } from '../../ui/format.ts';
import { useDebounced } from '../../ui/useDebounced.ts';
import { identityKindLabel } from './labels.ts';
import { displayName } from './names.ts';
import { customerQueries } from './queries.ts';

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
  const { t } = useTranslation('customers');
  const { t: tCommon } = useTranslation();
  const errorWords = useErrorWords();
  const navigate = useNavigate();
  const inputRef = useRef<HTMLInputElement>(null);
  useSlashToFocus(inputRef, autoFocus);
  const [text, setText] = useState('');
  const query = useDebounced(text, 150);
  const search = useQuery(customerQueries.search(query));
  const length = text.trim().length;
  const tooShort = length < SEARCH_MIN_CHARS;
  const tooLong = length > SEARCH_MAX_CHARS;
  const idle = tooShort || tooLong;
  const hits = idle ? [] : (search.data?.hits ?? []);

  let emptyText = t('search.noMatch');
  if (tooShort) emptyText = t('search.tooShort', { min: formatCount(SEARCH_MIN_CHARS) });
  else if (tooLong)
    emptyText = t('search.tooLong', {
      max: formatCount(SEARCH_MAX_CHARS),
      count: formatCount(length),
    });
  else if (search.isError) {
    const fallback = { title: tCommon('state.errorTitle'), detail: tCommon('state.errorDetail') };
    const { title, detail } = describeError(search.error, errorWords, fallback);
    emptyText = t('search.failed', { title, detail });
  }

  return (
    <Combobox<SearchHit>
      aria-label={t('search.label')}
      placeholder={t('search.placeholder')}
      listLabel={t('search.listLabel')}
      ref={inputRef}
      items={hits}
      getKey={(hit) => hit.customer_id}
      inputValue={text}
      onInputChange={setText}
      loading={!idle && (search.isFetching || query !== text)}
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
              <span className="max-w-64 truncate text-xs">
                {hit.email ?? t('summary.missing.email')}
              </span>
            ) : (
              <>
                <Badge tone="accent">{identityKindLabel(t, hit.matched.kind)}</Badge>
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
