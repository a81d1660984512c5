// A password an admin sets for someone else, in clear so that it can be passed on, with a button
// that fills in a random one and another that copies it.
import { Dices } from 'lucide-react';
import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN } from '../../api/contract/auth.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { Input } from '../../ui/Input.tsx';
import { CopyButton } from './CopyButton.tsx';
import { generatePassword } from './password.ts';

export function NewPasswordField({
  label,
  value,
  onChange,
  error,
}: {
  label: ReactNode;
  value: string;
  onChange: (password: string) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation('team');
  const input = useRef<HTMLInputElement>(null);
  return (
    <Field label={label} hint={t('password.hint', { min: PASSWORD_MIN })} error={error}>
      {(control) => (
        <div className="flex gap-1.5">
          <Input
            {...control}
            ref={input}
            name="new-password"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            className="font-mono"
            value={value}
            onChange={(event) => onChange(event.target.value)}
          />
          <Button
            aria-label={t('password.generateLabel')}
            icon={<Dices aria-hidden="true" />}
            onClick={() => onChange(generatePassword())}
          >
            {t('password.generate')}
          </Button>
          <CopyButton text={value} field={input} label={t('copy.password')} />
        </div>
      )}
    </Field>
  );
}
