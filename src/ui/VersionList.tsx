// The versions of a versioned document (a segment, a campaign), newest first: each with who saved
// it, when and why (and what the kind adds: a segment's audience), the current one marked, one selected. The history dialogs put what the
// selected version changed beside it.
import type { ReactNode } from 'react';
import { clsx } from 'clsx';
import { useAuthorText } from './author.ts';
import { Badge } from './Badge.tsx';
import { formatDateTime } from './format.ts';

export interface VersionEntry {
  version: number;
  author: string;
  at: string;
  note: string;
}

export function VersionList({
  label,
  versions,
  current,
  selected,
  onSelect,
  versionLabel,
  currentLabel,
  noteText,
  detail,
}: {
  label: string;
  versions: readonly VersionEntry[];
  /** The document's version now. */
  current: number;
  selected: number;
  onSelect: (version: number) => void;
  versionLabel: (version: number) => string;
  currentLabel: string;
  /** A note in the user's words (the system's notes are codes). */
  noteText: (note: string) => string;
  /** A line of the kind's own under each version (a segment's audience). */
  detail?: (version: number) => ReactNode;
}) {
  const authorText = useAuthorText();
  return (
    <ol aria-label={label} className="max-h-[52vh] space-y-0.5 overflow-y-auto">
      {versions.map((v) => (
        <li key={v.version}>
          <button
            type="button"
            aria-current={v.version === selected ? 'true' : undefined}
            onClick={() => onSelect(v.version)}
            className={clsx(
              'w-full rounded-md px-2 py-1.5 text-left',
              v.version === selected ? 'bg-accent-50 ring-1 ring-accent-200' : 'hover:bg-subtle',
            )}
          >
            <span className="flex items-center gap-1.5 text-base font-medium text-fg">
              {versionLabel(v.version)}
              {v.version === current && <Badge tone="accent">{currentLabel}</Badge>}
            </span>
            <span className="block text-sm text-fg-muted">
              {authorText(v.author)} · {formatDateTime(v.at)}
            </span>
            {v.note !== '' && (
              <span className="block truncate text-sm text-fg-subtle" title={noteText(v.note)}>
                {noteText(v.note)}
              </span>
            )}
            {detail?.(v.version)}
          </button>
        </li>
      ))}
    </ol>
  );
}
