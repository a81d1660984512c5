// Transient notices (Radix Toast): wrap the app in ToastProvider, then call useToast()({ title, tone }).
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { Toast as RadixToast } from 'radix-ui';
import { CircleCheck, CircleX, Info, TriangleExclamationPoint, X } from 'lucide-react';
import { clsx } from 'clsx';
import { useTranslation } from 'react-i18next';

export type ToastTone = 'neutral' | 'success' | 'warn' | 'danger' | 'info';
export type ToastInput = { title: string; description?: string; tone?: ToastTone };
type ToastEntry = ToastInput & { id: number };

const ToastContext = createContext<((toast: ToastInput) => void) | null>(null);

const icons: Record<ToastTone, ReactNode> = {
  neutral: null,
  success: <CircleCheck size={16} aria-hidden="true" className="text-success-600" />,
  warn: <TriangleExclamationPoint size={16} aria-hidden="true" className="text-warn-600" />,
  danger: <CircleX size={16} aria-hidden="true" className="text-danger-600" />,
  info: <Info size={16} aria-hidden="true" className="text-info-600" />,
};

let nextId = 1;

/** Moves focus to the notifications (Radix's default, named in the region's label). */
const HOTKEY = 'F8';

export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<ToastEntry[]>([]);
  const toast = useCallback((input: ToastInput) => {
    const id = nextId++;
    setToasts((current) => [...current.slice(-3), { ...input, id }]);
  }, []);
  const remove = (id: number) => setToasts((current) => current.filter((t) => t.id !== id));

  return (
    <ToastContext.Provider value={toast}>
      <RadixToast.Provider label={t('toast.label')} swipeDirection="right" duration={5000}>
        {children}
        {toasts.map(({ id, title, description, tone = 'neutral' }) => (
          <RadixToast.Root
            key={id}
            type={tone === 'danger' ? 'foreground' : 'background'}
            duration={tone === 'danger' ? 10_000 : undefined}
            onOpenChange={(open) => {
              if (!open) remove(id);
            }}
            className={clsx(
              'flex w-80 animate-pop-in items-start gap-2.5 rounded-md bg-surface px-3 py-2.5 shadow-popover',
              'data-[swipe=move]:translate-x-(--radix-toast-swipe-move-x)',
            )}
          >
            {icons[tone] !== null && <span className="mt-0.5">{icons[tone]}</span>}
            <div className="min-w-0 flex-1">
              <RadixToast.Title className="text-base font-medium text-fg">{title}</RadixToast.Title>
              {description !== undefined && (
                <RadixToast.Description className="mt-0.5 text-sm text-fg-muted">
                  {description}
                </RadixToast.Description>
              )}
            </div>
            <RadixToast.Close
              aria-label={t('toast.dismiss')}
              className="-mr-1 inline-flex size-5 items-center justify-center rounded-sm text-fg-muted hover:bg-subtle hover:text-fg"
            >
              <X size={14} aria-hidden="true" />
            </RadixToast.Close>
          </RadixToast.Root>
        ))}
        <RadixToast.Viewport
          hotkey={[HOTKEY]}
          label={t('toast.region', { hotkey: HOTKEY })}
          className="fixed right-4 bottom-4 z-[60] flex flex-col gap-2 outline-none"
        />
      </RadixToast.Provider>
    </ToastContext.Provider>
  );
}

/** Returns `toast(...)`; throws outside ToastProvider so a missing provider fails loudly. */
export function useToast(): (toast: ToastInput) => void {
  const toast = useContext(ToastContext);
  if (toast === null) throw new Error('useToast() needs a <ToastProvider> above it.');
  return toast;
}
