// Underlined tabs (Radix): arrow keys move between tabs, each tab labels its panel.
import type { ComponentProps } from 'react';
import { Tabs as RadixTabs } from 'radix-ui';
import { clsx } from 'clsx';

export const Tabs = RadixTabs.Root;

export function TabsList({ className, ...rest }: ComponentProps<typeof RadixTabs.List>) {
  return (
    <RadixTabs.List
      className={clsx('flex h-9 items-stretch gap-4 border-b border-line', className)}
      {...rest}
    />
  );
}

export function TabsTrigger({ className, ...rest }: ComponentProps<typeof RadixTabs.Trigger>) {
  return (
    <RadixTabs.Trigger
      className={clsx(
        '-mb-px inline-flex items-center gap-1.5 border-b-2 border-transparent px-0.5 text-base font-medium text-fg-muted',
        'hover:text-fg focus-visible:outline-offset-[-2px] data-[state=active]:border-accent-600 data-[state=active]:text-fg',
        'disabled:text-fg-subtle',
        className,
      )}
      {...rest}
    />
  );
}

export function TabsContent({ className, ...rest }: ComponentProps<typeof RadixTabs.Content>) {
  return <RadixTabs.Content className={clsx('pt-3 outline-none', className)} {...rest} />;
}
