// One child of a group: the connector word ("and", "or"), a drag handle, then the condition's
// controls or the nested group, its issues, its own count (top level) and its actions.
import { useEffect, useRef } from 'react';
import { useSortable } from '@dnd-kit/sortable';
import { GripVertical } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { clsx } from 'clsx';
import type { Group, SegmentNode } from '../../domain/segment/definition.ts';
import { formatCount } from '../../ui/format.ts';
import { useBuilder } from './builder-context.ts';
import { ConditionEditor } from './ConditionEditor.tsx';
import { GroupView } from './GroupView.tsx';
import { useIssueText } from './issue-text.ts';
import { NodeMenu } from './NodeMenu.tsx';
import { NotToggle } from './NotToggle.tsx';
import { useDragState } from './TreeDnd.tsx';

/** Members of a top-level node alone, beside it; dimmed while the count catches up. */
export function NodeCount({ nodeId }: { nodeId: string }) {
  const { t } = useTranslation('builder');
  const count = useBuilder().nodeCount(nodeId);
  if (!count) return null;
  return (
    <span
      title={t('row.aloneTitle')}
      className={clsx(
        'inline-flex h-7 shrink-0 items-center text-sm text-fg-muted tabular-nums',
        count.stale && 'italic',
      )}
    >
      {formatCount(count.count)}
      <span className="sr-only"> {t('row.alone')}</span>
    </span>
  );
}

export function IssueList({ nodeId, className }: { nodeId: string; className?: string }) {
  const issues = useBuilder().issues(nodeId);
  const say = useIssueText();
  if (issues.length === 0) return null;
  const lines = [...new Set(issues.map(say))];
  return (
    <ul
      id={`${nodeId}-issues`}
      className={clsx('mt-1 space-y-0.5 text-sm text-danger-700', className)}
    >
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

/** Takes the focus when the builder asks this row to (just added, or moved by its menu). */
function useRequestedFocus(nodeId: string) {
  const { focus, focusDone } = useBuilder();
  const ref = useRef<HTMLLIElement | null>(null);
  const wanted = focus?.id === nodeId ? focus.part : null;
  useEffect(() => {
    const row = ref.current;
    if (wanted === null || !row) return;
    const first = (selector: string) => row.querySelector<HTMLElement>(selector);
    const target =
      wanted === 'menu'
        ? first('[data-node-menu]')
        : (first('[data-autofocus]') ??
          first('[data-autofocus-within] input') ??
          first('[data-add-condition]') ??
          first('[data-field-button]'));
    target?.focus();
    focusDone();
  }, [wanted, focusDone]);
  return ref;
}

export function NodeRow({
  node,
  parent,
  index,
  topLevel,
}: {
  node: SegmentNode;
  parent: Group;
  index: number;
  topLevel: boolean;
}) {
  const { t } = useTranslation('builder');
  const api = useBuilder();
  const drag = useDragState();
  const { setNodeRef, setActivatorNodeRef, attributes, listeners, isDragging } = useSortable({
    id: node.id,
  });
  const rowRef = useRequestedFocus(node.id);
  const name = useBuilder().names.get(node.id) ?? node.id;
  const marker = drag.marker;
  const before = marker !== null && 'before' in marker && marker.before === node.id;
  const after = marker !== null && 'after' in marker && marker.after === node.id;
  const invalid = api.issues(node.id).length > 0;

  return (
    <li
      ref={(el) => {
        setNodeRef(el);
        rowRef.current = el;
      }}
      aria-label={name}
      className={clsx('group/row relative flex items-start gap-1 py-1', isDragging && 'opacity-40')}
    >
      {before && (
        <div
          aria-hidden="true"
          className="absolute inset-x-0 -top-px h-0.5 rounded-full bg-accent-500"
        />
      )}
      {after && (
        <div
          aria-hidden="true"
          className="absolute inset-x-0 -bottom-px h-0.5 rounded-full bg-accent-500"
        />
      )}
      <span className="w-8 shrink-0 pt-1.5 text-right text-xs font-medium text-fg-subtle uppercase">
        {index === 0 ? '' : t(`row.${parent.combinator}`)}
      </span>
      <button
        type="button"
        ref={setActivatorNodeRef}
        {...attributes}
        {...listeners}
        aria-label={t('row.drag', { name })}
        className="mt-1 inline-flex h-5 w-4 shrink-0 cursor-grab items-center justify-center rounded-sm text-fg-subtle opacity-0 group-hover/row:opacity-100 hover:bg-subtle hover:text-fg focus-visible:opacity-100 active:cursor-grabbing"
      >
        <GripVertical size={13} aria-hidden="true" />
      </button>
      {node.kind === 'group' ? (
        <GroupView group={node} topLevel={topLevel} />
      ) : (
        <div
          className={clsx(
            'flex min-w-0 flex-1 items-start gap-1.5 rounded-md border-l-2 pl-1.5',
            invalid ? 'border-danger-600' : node.negate ? 'border-warn-600' : 'border-transparent',
          )}
        >
          {node.negate && (
            <span
              aria-hidden="true"
              className="inline-flex h-7 items-center text-xs font-semibold text-warn-700"
            >
              {t('row.not')}
            </span>
          )}
          <div className="min-w-0 flex-1">
            <ConditionEditor node={node} autoFocus />
            <IssueList nodeId={node.id} />
          </div>
          {topLevel && <NodeCount nodeId={node.id} />}
          <NotToggle node={node} name={name} />
          <div className="pt-0.5">
            <NodeMenu node={node} name={name} />
          </div>
        </div>
      )}
    </li>
  );
}
