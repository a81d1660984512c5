// The role of a new user or token, chosen among the three with what each may do as its hint.
import { useTranslation } from 'react-i18next';
import type { Role } from '../../api/contract/auth.ts';
import { Field } from '../../ui/Field.tsx';
import { Select } from '../../ui/Select.tsx';
import { useRoleOptions } from './roles.ts';

export function RoleField({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: Role;
  onChange: (role: Role) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation('team');
  const options = useRoleOptions();
  return (
    <Field label={label} hint={t('roleHint')} error={error}>
      {(control) => (
        <Select<Role>
          {...control}
          className="max-w-48"
          value={value}
          onValueChange={onChange}
          options={options}
        />
      )}
    </Field>
  );
}
