// A group: ALL / ANY of its children (and NOT), its rows in drag-and-drop order, and buttons to
// add a condition or a nested group. The top group is the builder's frame; nested ones are boxes.
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { Plus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { clsx } from 'clsx';
import type { Group } from '../../domain/segment/definition.ts';
import { Button } from '../../ui/Button.tsx';
import { useBuilder } from './builder-context.ts';
import { endOf } from './drop-target.ts';
import { FieldPicker } from './FieldPicker.tsx';
import { NodeMenu } from './NodeMenu.tsx';
import { IssueList, NodeCount, NodeRow } from './NodeRow.tsx';
import { NotToggle } from './NotToggle.tsx';
import { useDragState } from './TreeDnd.tsx';

function CombinatorToggle({ group, name }: { group: Group; name: string }) {
  const { t } = useTranslation('builder');
  const { dispatch } = useBuilder();
  return (
    <div
      role="group"
      aria-label={t('group.matchLabel', { name })}
      className="inline-flex h-7 items-center rounded-md border border-line-strong bg-surface p-0.5"
    >
      {(['and', 'or'] as const).map((combinator) => (
        <button
          key={combinator}
          type="button"
          aria-pressed={group.combinator === combinator}
          onClick={() => dispatch({ type: 'combinator', id: group.id, combinator })}
          className={clsx(
            'h-full rounded-sm px-2 text-sm font-medium',
            group.combinator === combinator
              ? 'bg-gray-800 text-white'
              : 'text-fg-muted hover:bg-subtle hover:text-fg',
          )}
        >
          {t(`group.${combinator}`)}
        </button>
      ))}
    </div>
  );
}

function GroupFooter({ group, name }: { group: Group; name: string }) {
  const { t } = useTranslation('builder');
  const api = useBuilder();
  const { setNodeRef } = useDroppable({ id: endOf(group.id) });
  const { marker } = useDragState();
  const marked = marker !== null && 'end' in marker && marker.end === group.id;
  return (
    <div ref={setNodeRef} className="relative flex items-center gap-1 py-1 pl-[52px]">
      {marked && (
        <div
          aria-hidden="true"
          className="absolute inset-x-0 top-0 h-0.5 rounded-full bg-accent-500"
        />
      )}
      <FieldPicker items={api.items} onPick={(item) => api.pick(group.id, item)} keepFocusOnPick>
        <Button
          variant="ghost"
          size="sm"
          icon={<Plus aria-hidden="true" />}
          data-add-condition
          aria-label={t('group.addCondition', { name })}
        >
          {t('group.condition')}
        </Button>
      </FieldPicker>
      <Button
        variant="ghost"
        size="sm"
        icon={<Plus aria-hidden="true" />}
        aria-label={t('group.addGroup', { name })}
        onClick={() => api.addGroup(group.id)}
      >
        {t('group.group')}
      </Button>
    </div>
  );
}

export function GroupView({
  group,
  root = false,
  topLevel = false,
}: {
  group: Group;
  root?: boolean;
  topLevel?: boolean;
}) {
  const { t } = useTranslation('builder');
  const api = useBuilder();
  const name = useBuilder().names.get(group.id) ?? t('group.fallbackName');
  const matching = root
    ? group.negate
      ? t('group.rootNotMatching')
      : t('group.rootMatching')
    : group.negate
      ? t('group.notMatching')
      : t('group.matching');
  const invalid = api.issues(group.id).length > 0;
  const header = (
    <div
      className={clsx('group/row flex items-center gap-1.5', root ? 'px-3 py-2' : 'px-2 py-1.5')}
    >
      <span
        className={clsx('text-base', group.negate ? 'font-medium text-warn-700' : 'text-fg-muted')}
      >
        {matching}
      </span>
      <CombinatorToggle group={group} name={name} />
      <span className="text-base text-fg-muted">{root ? t('group.rootOf') : t('group.of')}</span>
      <span className="flex-1" />
      {root && api.nodeCount(group.children[0]?.id ?? '') && (
        <span className="text-xs text-fg-subtle" title={t('group.aloneTitle')}>
          {t('group.alone')}
        </span>
      )}
      {topLevel && <NodeCount nodeId={group.id} />}
      <NotToggle node={group} name={name} />
      {root ? <span className="w-6" /> : <NodeMenu node={group} name={name} />}
    </div>
  );
  const body = (
    <>
      <SortableContext
        id={group.id}
        items={group.children.map((c) => c.id)}
        strategy={verticalListSortingStrategy}
      >
        <ul
          aria-label={root ? t('group.conditions') : t('group.conditionsIn', { name })}
          className={clsx(root ? 'px-2' : 'px-1')}
        >
          {group.children.map((child, i) => (
            <NodeRow key={child.id} node={child} parent={group} index={i} topLevel={root} />
          ))}
        </ul>
      </SortableContext>
      <GroupFooter group={group} name={name} />
    </>
  );
  if (root) {
    return (
      <section
        aria-label={t('group.segmentConditions')}
        className="rounded-lg border border-line bg-surface"
      >
        <div className="border-b border-line">{header}</div>
        <div className="py-1">{body}</div>
      </section>
    );
  }
  return (
    <div
      role="group"
      aria-label={name}
      className={clsx(
        'min-w-0 flex-1 rounded-md border bg-canvas',
        invalid ? 'border-danger-600' : group.negate ? 'border-warn-200' : 'border-line',
      )}
    >
      {header}
      {body}
      <IssueList nodeId={group.id} className="px-2 pb-2" />
    </div>
  );
}
