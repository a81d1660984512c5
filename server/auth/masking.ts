// Personal data masked for viewers (decision 036): every JSON answer they get passes through the
// domain's maskJson (names to initials, e-mail addresses and phone numbers partly hidden, identity
// values but their last characters), whatever route made it; the CSV exports mask their rows, and
// a message previewed or rendered for a viewer is rendered from the masked history.
import type { Context, MiddlewareHandler } from 'hono';
import { maskJson } from '../../src/domain/profile/mask.ts';
import { principalOf } from './access.ts';

/** Whether the caller may not see personal data. */
export function masksPersonalData(c: Context): boolean {
  return principalOf(c)?.role === 'viewer';
}

export function maskForViewers(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!masksPersonalData(c)) return;
    const type = c.res.headers.get('content-type') ?? '';
    if (!type.startsWith('application/json')) return;
    const text = await c.res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON after all: nothing of ours to mask; sent as it came.
      c.res = new Response(text, c.res);
      return;
    }
    const headers = new Headers(c.res.headers);
    headers.delete('content-length');
    c.res = new Response(JSON.stringify(maskJson(body)), {
      status: c.res.status,
      statusText: c.res.statusText,
      headers,
    });
  };
}
