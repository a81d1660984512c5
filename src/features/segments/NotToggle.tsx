// NOT on a condition or a group: pressed, it keeps the customers who do not match.
import { clsx } from 'clsx';
import { useTranslation } from 'react-i18next';
import type { SegmentNode } from '../../domain/segment/definition.ts';
import { useBuilder } from './builder-context.ts';

/** Unpressed, it shows when its row is hovered or it has the focus. */
export function NotToggle({ node, name }: { node: SegmentNode; name: string }) {
  const { t } = useTranslation('builder');
  const { dispatch } = useBuilder();
  return (
    <button
      type="button"
      aria-pressed={node.negate}
      aria-label={t('not.label', { name })}
      title={node.negate ? t('not.remove') : t('not.add')}
      onClick={() => dispatch({ type: 'negate', id: node.id })}
      className={clsx(
        'inline-flex h-7 shrink-0 items-center rounded-md border px-1.5 text-xs font-semibold tracking-wide',
        node.negate
          ? 'border-warn-200 bg-warn-50 text-warn-700'
          : clsx(
              'border-transparent text-fg-subtle hover:border-line hover:bg-subtle hover:text-fg-muted',
              'opacity-0 group-hover/row:opacity-100 focus-visible:opacity-100',
            ),
      )}
    >
      {t('not.button')}
    </button>
  );
}
