// A compact status label in one of six tones.
import type { ComponentProps } from 'react';
import { clsx } from 'clsx';

export type Tone = 'neutral' | 'accent' | 'success' | 'warn' | 'danger' | 'info';

const tones: Record<Tone, string> = {
  neutral: 'bg-gray-100 text-gray-700 border-gray-200',
  accent: 'bg-accent-50 text-accent-700 border-accent-200',
  success: 'bg-success-50 text-success-700 border-success-200',
  warn: 'bg-warn-50 text-warn-700 border-warn-200',
  danger: 'bg-danger-50 text-danger-700 border-danger-200',
  info: 'bg-info-50 text-info-700 border-info-200',
};

export function Badge({
  tone = 'neutral',
  className,
  ...rest
}: ComponentProps<'span'> & { tone?: Tone }) {
  return (
    <span
      className={clsx(
        'inline-flex h-[18px] items-center gap-1 rounded-sm border px-1.5 text-xs font-medium whitespace-nowrap',
        '[&_svg]:size-3',
        tones[tone],
        className,
      )}
      {...rest}
    />
  );
}
