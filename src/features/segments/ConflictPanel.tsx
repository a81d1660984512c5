// A stale save: someone saved the segment after these edits started. Both versions side by side,
// in words, with what differs; the user chooses, and whichever they choose, the other survives
// (theirs stays in the history, mine stays in the builder's undo or becomes a copy).
import { TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { SavedSegment } from '../../api/contract.ts';
import type { CatalogueResponse } from '../../api/contract.ts';
import type { SegmentDefinition } from '../../domain/segment/definition.ts';
import { describeDefinition, type SegmentNames } from '../../domain/segment/describe.ts';
import { diffSegments } from '../../domain/segment/diff.ts';
import { Button } from '../../ui/Button.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { useLanguage } from '../../ui/i18n/I18nProvider.tsx';
import { DiffView } from './HistoryDialog.tsx';
import type { SegmentDocument } from './useSegmentDocument.ts';
import { useValueWords } from './builder-words.ts';
import { useWriteGate } from '../../ui/permissions.tsx';

export interface ConflictPanelProps {
  theirs: SavedSegment;
  mine: { name: string; definition: SegmentDefinition };
  /** The version my edits started from. */
  base: number | null;
  catalogue: CatalogueResponse;
  segmentNames: SegmentNames;
  actions: SegmentDocument['conflictActions'];
  busy: boolean;
}

function Side({
  title,
  meta,
  name,
  description,
  label,
}: {
  title: string;
  meta: string;
  name: string;
  description: string;
  label: string;
}) {
  return (
    <section aria-label={label} className="min-w-0 rounded-md border border-line bg-surface p-3">
      <h3 className="text-base font-semibold text-fg">{title}</h3>
      <p className="text-sm text-fg-muted">{meta}</p>
      <p className="mt-2 text-base font-medium text-fg">{name}</p>
      <p className="mt-1 text-base text-fg">{description}</p>
    </section>
  );
}

export function ConflictPanel(props: ConflictPanelProps) {
  const { t } = useTranslation('segments');
  const { language } = useLanguage();
  const values = useValueWords();
  const gate = useWriteGate('editor');
  const { theirs, mine, catalogue, segmentNames, actions, busy } = props;
  const diff = diffSegments(
    { name: theirs.name, description: theirs.description, definition: theirs.definition },
    { name: mine.name, description: theirs.description, definition: mine.definition },
    catalogue,
    segmentNames,
  );
  const at = formatDateTime(theirs.updated_at);
  const version = theirs.version;
  return (
    <section
      role="alertdialog"
      aria-labelledby="conflict-title"
      aria-describedby="conflict-detail"
      className="space-y-3 rounded-lg border border-warn-200 bg-warn-50 p-4"
    >
      <header className="flex items-start gap-2">
        <TriangleAlert size={18} aria-hidden="true" className="mt-0.5 text-warn-600" />
        <div>
          <h2 id="conflict-title" className="text-md font-semibold text-fg">
            {t('conflict.title', { author: theirs.author })}
          </h2>
          <p id="conflict-detail" className="text-base text-fg-muted">
            {props.base !== null
              ? t('conflict.detailFrom', { version: theirs.version, at, base: props.base })
              : t('conflict.detail', { version: theirs.version, at })}
          </p>
        </div>
      </header>
      <div className="grid grid-cols-2 gap-3">
        <Side
          label={t('conflict.mine.label')}
          title={t('conflict.mine.title')}
          meta={t('conflict.mine.meta')}
          name={mine.name}
          description={describeDefinition(
            mine.definition,
            catalogue,
            segmentNames,
            language,
            values,
          )}
        />
        <Side
          label={t('conflict.theirs.title', { version })}
          title={t('conflict.theirs.title', { version })}
          meta={t('conflict.theirs.meta', { author: theirs.author, at })}
          name={theirs.name}
          description={describeDefinition(
            theirs.definition,
            catalogue,
            segmentNames,
            language,
            values,
          )}
        />
      </div>
      <section
        aria-label={t('conflict.changes.label')}
        className="rounded-md border border-line bg-surface p-3"
      >
        <h3 className="mb-1.5 text-base font-semibold text-fg">
          {t('conflict.changes.heading', { version })}
        </h3>
        <DiffView
          diff={{
            ...diff,
            nodes: diff.nodes.map(({ nodeId, ...rest }) => ({ node_id: nodeId, ...rest })),
          }}
          label={t('conflict.changes.list', { version })}
        />
      </section>
      <footer className="flex flex-wrap items-center gap-2">
        <Button variant="primary" loading={busy} onClick={actions.overwrite} {...gate.control}>
          {t('conflict.overwrite', { next: version + 1 })}
        </Button>
        <Button disabled={busy} onClick={actions.saveAsCopy} {...gate.control}>
          {t('conflict.saveAsCopy')}
        </Button>
        {gate.note}
        <Button disabled={busy} onClick={actions.takeTheirs}>
          {t('conflict.takeTheirs', { version })}
        </Button>
        <span className="flex-1" />
        <Button variant="ghost" disabled={busy} onClick={actions.dismiss}>
          {t('conflict.dismiss')}
        </Button>
      </footer>
    </section>
  );
}
