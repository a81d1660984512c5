// Copies a secret shown once (a password to pass on, a new token) to the clipboard. Where the
// browser refuses (no clipboard outside HTTPS), the text is selected for Ctrl+C instead.
import { Copy } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { RefObject } from 'react';
import { Button } from '../../ui/Button.tsx';
import { useToast } from '../../ui/Toast.tsx';

export function CopyButton({
  text,
  field,
  label,
}: {
  text: string;
  /** The field showing the text, selected when copying fails. */
  field: RefObject<HTMLInputElement | null>;
  /** What is copied, for screen readers: "Copy the token". */
  label: string;
}) {
  const { t } = useTranslation('team');
  const toast = useToast();
  const copy = async () => {
    try {
      if (!('clipboard' in navigator)) throw new Error('No clipboard here.');
      await navigator.clipboard.writeText(text);
      toast({ tone: 'success', title: t('copy.done') });
    } catch {
      field.current?.focus();
      field.current?.select();
      toast({ tone: 'warn', title: t('copy.failed'), description: t('copy.failedDetail') });
    }
  };
  return (
    <Button
      aria-label={label}
      icon={<Copy aria-hidden="true" />}
      disabled={text === ''}
      onClick={() => void copy()}
    >
      {t('copy.button')}
    </Button>
  );
}
