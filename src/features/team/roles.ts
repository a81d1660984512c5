// The three roles (decision 035) as the selects of this page offer them.
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../api/contract/auth.ts';
import type { SelectOption } from '../../ui/Select.tsx';

export function useRoleOptions(): SelectOption<Role>[] {
  const { t } = useTranslation('team');
  return ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }));
}
