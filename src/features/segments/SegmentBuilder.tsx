// The segment builder: the definition as a tree of conditions on the left, the live audience on
// the right. Everything it offers comes from the field catalogue.
import { Plus, SlidersHorizontal } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { BuilderContext } from './builder-context.ts';
import { BuilderHeader } from './BuilderHeader.tsx';
import { ConflictPanel } from './ConflictPanel.tsx';
import { SegmentActions } from './SegmentActions.tsx';
import { CountPanel } from './CountPanel.tsx';
import { FieldPicker } from './FieldPicker.tsx';
import { GroupView } from './GroupView.tsx';
import { TreeDnd } from './TreeDnd.tsx';
import { useSegmentBuilder, type SegmentBuilderProps } from './useSegmentBuilder.ts';

export function SegmentBuilder(props: SegmentBuilderProps) {
  const { t } = useTranslation('segments');
  const builder = useSegmentBuilder(props);
  const { api, empty, document } = builder;
  const root = api.definition.root;
  return (
    <BuilderContext.Provider value={api}>
      <div className="flex h-full min-h-0">
        <div className="min-w-0 flex-1 overflow-y-auto">
          <div className="mx-auto max-w-[960px] space-y-3 px-5 py-4">
            {document.conflict !== null && (
              <ConflictPanel
                theirs={document.conflict}
                mine={{ name: document.name, definition: api.definition }}
                base={document.baseVersion}
                catalogue={props.catalogue}
                segmentNames={builder.segmentNames}
                actions={document.conflictActions}
                busy={document.saveState.status === 'saving'}
              />
            )}
            <BuilderHeader
              document={document}
              actions={
                <SegmentActions
                  document={document}
                  definition={api.definition}
                  blocker={builder.blocker}
                />
              }
              description={builder.description}
              empty={empty}
              canUndo={builder.canUndo}
              canRedo={builder.canRedo}
              onUndo={builder.undo}
              onRedo={builder.redo}
              onClear={builder.clear}
              notice={builder.notice}
              onDismissNotice={builder.dismissNotice}
              refusal={builder.refusal}
              pendingEdits={builder.pendingEdits}
            />
            {empty ? (
              <section
                aria-label={t('builder.conditions')}
                className="rounded-lg border border-dashed border-line-strong bg-surface"
              >
                <EmptyState
                  icon={<SlidersHorizontal aria-hidden="true" />}
                  title={t('builder.emptyTitle')}
                  description={t('builder.emptyDescription')}
                  action={
                    <FieldPicker
                      items={api.items}
                      onPick={(item) => api.pick(root.id, item)}
                      keepFocusOnPick
                    >
                      <Button variant="primary" icon={<Plus aria-hidden="true" />}>
                        {t('builder.addFirst')}
                      </Button>
                    </FieldPicker>
                  }
                />
              </section>
            ) : (
              <TreeDnd>
                <GroupView group={root} root />
              </TreeDnd>
            )}
          </div>
        </div>
        <CountPanel
          count={builder.count}
          names={api.names}
          summary={builder.summary}
          empty={empty}
          catalogue={props.catalogue}
          breakdown={builder.breakdown}
          onBreakdown={builder.setBreakdown}
          forecast={
            props.Forecast === undefined || empty ? null : (
              <props.Forecast definition={api.definition} countable={builder.blocker === null} />
            )
          }
        />
      </div>
    </BuilderContext.Provider>
  );
}
