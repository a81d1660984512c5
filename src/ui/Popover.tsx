// A non-modal floating panel anchored to its trigger (Radix): filters, quick details, small forms.
import type { ComponentProps } from 'react';
import { Popover as RadixPopover } from 'radix-ui';
import { clsx } from 'clsx';

export const Popover = RadixPopover.Root;
export const PopoverTrigger = RadixPopover.Trigger;
export const PopoverAnchor = RadixPopover.Anchor;
export const PopoverClose = RadixPopover.Close;

/** Radix gives the panel role="dialog": it must be named (axe's aria-dialog-name), so say how. */
type Named = { 'aria-label': string } | { 'aria-labelledby': string };

export function PopoverContent({
  className,
  sideOffset = 4,
  align = 'start',
  ...rest
}: ComponentProps<typeof RadixPopover.Content> & Named) {
  return (
    <RadixPopover.Portal>
      <RadixPopover.Content
        sideOffset={sideOffset}
        align={align}
        className={clsx(
          'z-50 max-w-80 animate-pop-in rounded-md bg-surface p-3 text-base shadow-popover',
          className,
        )}
        {...rest}
      />
    </RadixPopover.Portal>
  );
}
