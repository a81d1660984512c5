import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

import { setFormatLanguage } from '../ui/format.ts';
// Registers the English instance as react-i18next's default, for components rendered alone.
import './i18n.ts';

afterEach(() => cleanup());
// A page's first visit loads its lazy chunk, which Vitest transforms on first import: over a
// second when the other worker is busy. `findBy…` waits up to 5 s (a wait, not a time limit).
configure({ asyncUtilTimeout: 5_000 });
setFormatLanguage('en');

// jsdom lays nothing out: give elements a size so virtualised lists render rows, and a no-op
// ResizeObserver.
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoopResizeObserver;
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
  configurable: true,
  get: () => 700,
});
Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 900 });
Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get: () => 700,
});
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 900 });

// jsdom lacks what Radix menus and selects call on open (guarded: setup also runs under node).
if (typeof Element !== 'undefined') {
  Element.prototype.hasPointerCapture ??= () => false;
  Element.prototype.releasePointerCapture ??= () => undefined;
  Element.prototype.scrollIntoView ??= () => undefined;
}

// jsdom has no layout for text ranges, which CodeMirror measures (the template editor).
if (typeof Range !== 'undefined') {
  const noRects = (): DOMRectList => {
    const rects: DOMRect[] = [];
    return Object.assign(rects, { item: (i: number) => rects[i] ?? null });
  };
  Range.prototype.getClientRects ??= noRects;
  Range.prototype.getBoundingClientRect ??= () => new DOMRect(0, 0, 0, 0);
}
