// A condition's or group's actions menu: duplicate, group or ungroup, move up, down or out of its
// group (the keyboard's way to rearrange), and remove.
import { useRef, type ReactNode } from 'react';
import { DropdownMenu } from 'radix-ui';
import {
  ArrowDown,
  ArrowUp,
  Copy,
  Ellipsis,
  FolderInput,
  FolderOutput,
  Trash2,
  Ungroup,
} from 'lucide-react';
import { clsx } from 'clsx';
import { useTranslation } from 'react-i18next';
import type { SegmentNode } from '../../domain/segment/definition.ts';
import { parentOf } from '../../domain/segment/edits.ts';
import { useBuilder } from './builder-context.ts';
import { randomId } from './useSegmentBuilder.ts';

function Item({
  icon,
  children,
  onSelect,
  disabled,
  danger,
}: {
  icon: ReactNode;
  children: string;
  onSelect: () => void;
  disabled?: boolean;
  danger?: boolean;
}) {
  return (
    <DropdownMenu.Item
      disabled={disabled}
      onSelect={onSelect}
      className={clsx(
        'flex h-7 cursor-default items-center gap-2 rounded-sm px-2 text-base outline-none select-none [&_svg]:size-3.5',
        'data-disabled:text-fg-subtle data-highlighted:bg-accent-50 data-highlighted:text-accent-800',
        danger && 'text-danger-700 data-highlighted:bg-danger-50 data-highlighted:text-danger-700',
      )}
    >
      {icon}
      {children}
    </DropdownMenu.Item>
  );
}

export function NodeMenu({ node, name }: { node: SegmentNode; name: string }) {
  const { t } = useTranslation('builder');
  const { definition, dispatch, requestFocus } = useBuilder();
  // After a move the row may be rebuilt elsewhere: its menu button takes the focus back itself.
  const moved = useRef(false);
  const parent = parentOf(definition, node.id);
  if (!parent) return null;
  const index = parent.children.findIndex((c) => c.id === node.id);
  const grandparent = parentOf(definition, parent.id);
  const move = (groupId: string, to: number) => {
    moved.current = true;
    dispatch({ type: 'move', id: node.id, groupId, index: to });
    requestFocus({ id: node.id, part: 'menu' });
  };
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        data-node-menu
        aria-label={t('menu.label', { name })}
        className="inline-flex size-6 items-center justify-center rounded-sm text-fg-muted hover:bg-subtle hover:text-fg data-[state=open]:bg-subtle"
      >
        <Ellipsis size={15} aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          onCloseAutoFocus={(event) => {
            if (moved.current) event.preventDefault();
            moved.current = false;
          }}
          sideOffset={4}
          className="z-50 min-w-48 animate-pop-in rounded-md bg-surface p-1 shadow-popover"
        >
          <Item
            icon={<Copy />}
            onSelect={() => dispatch({ type: 'duplicate', id: node.id, newId: randomId })}
          >
            {t('menu.duplicate')}
          </Item>
          {node.kind === 'group' ? (
            <Item
              icon={<Ungroup />}
              disabled={node.negate}
              onSelect={() => dispatch({ type: 'ungroup', id: node.id })}
            >
              {node.negate ? t('menu.ungroupNegated') : t('menu.ungroup')}
            </Item>
          ) : (
            <Item
              icon={<FolderInput />}
              onSelect={() => dispatch({ type: 'wrap', id: node.id, newId: randomId })}
            >
              {t('menu.wrap')}
            </Item>
          )}
          <DropdownMenu.Separator className="my-1 h-px bg-line" />
          <Item
            icon={<ArrowUp />}
            disabled={index === 0}
            onSelect={() => move(parent.id, index - 1)}
          >
            {t('menu.up')}
          </Item>
          <Item
            icon={<ArrowDown />}
            disabled={index === parent.children.length - 1}
            onSelect={() => move(parent.id, index + 1)}
          >
            {t('menu.down')}
          </Item>
          {grandparent && (
            <Item
              icon={<FolderOutput />}
              onSelect={() =>
                move(grandparent.id, grandparent.children.findIndex((c) => c.id === parent.id) + 1)
              }
            >
              {t('menu.out')}
            </Item>
          )}
          <DropdownMenu.Separator className="my-1 h-px bg-line" />
          <Item icon={<Trash2 />} danger onSelect={() => dispatch({ type: 'remove', id: node.id })}>
            {t('menu.remove')}
          </Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
