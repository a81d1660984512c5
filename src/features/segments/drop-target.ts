// Where a dragged condition or group lands: before or after the row it is over, or at the end of
// a group (its footer). Ids of group ends are `end:<group id>`; node ids never contain a colon.
import type { SegmentDefinition } from '../../domain/segment/definition.ts';
import { findNode, parentOf } from '../../domain/segment/edits.ts';

export const endOf = (groupId: string) => `end:${groupId}`;

export interface DropTarget {
  groupId: string;
  /** The position among the group's children after the move (as moveNode takes it). */
  index: number;
  /** Where the insertion line shows. */
  marker: { before: string } | { after: string } | { end: string };
}

/** Whether `id` is `ancestorId` or inside it. */
function within(definition: SegmentDefinition, ancestorId: string, id: string): boolean {
  const ancestor = findNode(definition, ancestorId);
  if (!ancestor || ancestor.kind !== 'group') return ancestorId === id;
  const stack = [ancestor];
  for (let g = stack.pop(); g !== undefined; g = stack.pop()) {
    if (g.id === id) return true;
    for (const child of g.children) {
      if (child.id === id) return true;
      if (child.kind === 'group') stack.push(child);
    }
  }
  return false;
}

export function dropTarget(
  definition: SegmentDefinition,
  activeId: string,
  overId: string,
): DropTarget | null {
  if (overId === activeId) return null;
  const from = parentOf(definition, activeId);
  if (!from) return null;
  if (overId.startsWith('end:')) {
    const groupId = overId.slice(4);
    const group = findNode(definition, groupId);
    if (!group || group.kind !== 'group' || within(definition, activeId, groupId)) return null;
    const index = group.children.filter((c) => c.id !== activeId).length;
    return { groupId, index, marker: { end: groupId } };
  }
  const to = parentOf(definition, overId);
  if (!to || within(definition, activeId, to.id)) return null;
  const overIndex = to.children.findIndex((c) => c.id === overId);
  if (to.id === from.id) {
    const activeIndex = from.children.findIndex((c) => c.id === activeId);
    const marker = activeIndex < overIndex ? { after: overId } : { before: overId };
    return { groupId: to.id, index: overIndex, marker };
  }
  return { groupId: to.id, index: overIndex, marker: { before: overId } };
}
