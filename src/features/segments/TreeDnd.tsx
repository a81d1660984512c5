// Drag and drop for the condition tree (dnd-kit): rows and groups move within a group or into
// another one, with the pointer or the keyboard (Space to lift, arrows to move, Space to drop),
// announced in words. The drop is one move through the domain's moveNode.
import { createContext, useContext, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  closestCenter,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { findNode } from '../../domain/segment/edits.ts';
import { describeNode } from '../../domain/segment/describe.ts';
import { useLanguage } from '../../ui/i18n/I18nProvider.tsx';
import { useBuilder } from './builder-context.ts';
import { dropTarget, type DropTarget } from './drop-target.ts';
import { useValueWords } from './builder-words.ts';

export interface DragState {
  activeId: string | null;
  marker: DropTarget['marker'] | null;
}
const DragContext = createContext<DragState>({ activeId: null, marker: null });
export const useDragState = () => useContext(DragContext);

/** The innermost droppable under the pointer; the nearest one for the keyboard. */
const innermost: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  if (hits.length === 0) return closestCenter(args);
  const area = (id: UniqueIdentifier) => {
    const rect = args.droppableRects.get(id);
    return rect ? rect.width * rect.height : Number.POSITIVE_INFINITY;
  };
  return [...hits].sort((a, b) => area(a.id) - area(b.id)).slice(0, 1);
};

export function TreeDnd({ children }: { children: ReactNode }) {
  const { t } = useTranslation('builder');
  const { language } = useLanguage();
  const values = useValueWords();
  const api = useBuilder();
  const { definition, catalogue, segmentNames } = api;
  const [state, setState] = useState<DragState>({ activeId: null, marker: null });
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const nameOf = (id: UniqueIdentifier) => {
    const text = String(id);
    if (text.startsWith('end:')) return t('drag.end');
    const node = findNode(definition, text);
    return node
      ? t('drag.quoted', { text: describeNode(node, catalogue, segmentNames, language, values) })
      : t('drag.thisRow');
  };
  const target = (activeId: UniqueIdentifier, overId: UniqueIdentifier | undefined) =>
    overId === undefined ? null : dropTarget(definition, String(activeId), String(overId));
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('drag.start', { active: nameOf(active.id) }),
    onDragOver: ({ active, over }) =>
      over && target(active.id, over.id)
        ? t('drag.over', { active: nameOf(active.id), over: nameOf(over.id) })
        : t('drag.nowhere', { active: nameOf(active.id) }),
    onDragEnd: ({ active, over }) =>
      over && target(active.id, over.id)
        ? t('drag.moved', { active: nameOf(active.id), over: nameOf(over.id) })
        : t('drag.back', { active: nameOf(active.id) }),
    onDragCancel: ({ active }) => t('drag.cancel', { active: nameOf(active.id) }),
  };
  const active = state.activeId === null ? undefined : findNode(definition, state.activeId);

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={innermost}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable: t('drag.instructions'),
        },
      }}
      onDragStart={({ active: a }) => setState({ activeId: String(a.id), marker: null })}
      onDragOver={({ active: a, over }) =>
        setState({ activeId: String(a.id), marker: target(a.id, over?.id)?.marker ?? null })
      }
      onDragCancel={() => setState({ activeId: null, marker: null })}
      onDragEnd={({ active: a, over }) => {
        setState({ activeId: null, marker: null });
        const to = target(a.id, over?.id);
        if (to)
          api.dispatch({ type: 'move', id: String(a.id), groupId: to.groupId, index: to.index });
      }}
    >
      <DragContext.Provider value={state}>{children}</DragContext.Provider>
      <DragOverlay dropAnimation={null}>
        {active && (
          <div className="max-w-md truncate rounded-md border border-accent-300 bg-surface px-3 py-1.5 text-base shadow-popover">
            {describeNode(active, catalogue, segmentNames, language, values)}
          </div>
        )}
      </DragOverlay>
    </DndContext>
  );
}
