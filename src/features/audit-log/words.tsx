// The audit log's words for what the API codes: actions and their families, targets' kinds,
// actors' roles, and the action filter's choices built from them.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditAction, AuditTargetKind } from '../../api/contract/audit-log.ts';
import { role as roleSchema } from '../../api/contract/auth.ts';
import type { SelectOption } from '../../ui/Select.tsx';
import { AUDIT_FAMILIES, actionsOf, type ActionFilter } from './filters.ts';

export function useAuditWords() {
  const { t } = useTranslation('auditlog');
  return useMemo(
    () => ({
      action: (action: AuditAction) => t(`action.${action}`),
      kind: (kind: AuditTargetKind) => t(`kind.${kind}`),
      /** A role this client does not know reads as it came. */
      role: (role: string) => {
        const known = roleSchema.safeParse(role);
        return known.success ? t(`role.${known.data}`) : role;
      },
    }),
    [t],
  );
}

/** Any action; each family of more than one action, then its actions. */
export function useActionOptions(): SelectOption<ActionFilter | 'all'>[] {
  const { t } = useTranslation('auditlog');
  return useMemo(
    () => [
      { value: 'all', label: t('filters.allActions') },
      ...AUDIT_FAMILIES.flatMap((family) => {
        const actions = actionsOf(family);
        const whole =
          actions.length > 1
            ? [
                {
                  value: family,
                  label: (
                    <span className="font-medium">
                      {t('filters.family', { family: t(`family.${family}`) })}
                    </span>
                  ),
                },
              ]
            : [];
        return [
          ...whole,
          ...actions.map((action) => ({ value: action, label: t(`action.${action}`) })),
        ];
      }),
    ],
    [t],
  );
}
