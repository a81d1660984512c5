// What the Node server sends with every answer, and which Host it answers to (issue 13, decision
// 036). The page runs no inline script: the Content-Security-Policy allows scripts from this
// origin only; styles may be inline (React's style attributes, the charts'); images may come from
// https too (a previewed e-mail's, inside its sandboxed frame, which inherits this policy). No page
// of another site may frame Tact (clickjacking). A Host header this server does not know is
// refused before anything else (DNS rebinding: a hostile name resolving to this machine).
import { networkInterfaces, hostname } from 'node:os';
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { errorBody } from './http.ts';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'https:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
    strictTransportSecurity: false,
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  });
}

/**
 * The names this server answers to: loopback, this machine's name and addresses (when it listens
 * on them), and TACT_ALLOWED_HOSTS (comma-separated names or addresses, for a proxy's name).
 */
export function allowedHosts(listen: string, extra: string | undefined): Set<string> {
  const hosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
  if (listen !== '0.0.0.0' && listen !== '::') hosts.add(listen);
  else {
    hosts.add(hostname().toLowerCase());
    for (const list of Object.values(networkInterfaces()))
      for (const address of list ?? [])
        hosts.add(address.family === 'IPv6' ? `[${address.address}]` : address.address);
  }
  for (const host of (extra ?? '').split(','))
    if (host.trim() !== '') hosts.add(host.trim().toLowerCase());
  return hosts;
}

/** Refuses (400 `host_not_allowed`) a request whose Host is not one of `hosts` (port aside). */
export function hostAllowlist(hosts: ReadonlySet<string>): MiddlewareHandler {
  return async (c, next) => {
    const header = (c.req.header('host') ?? '').toLowerCase();
    const name = header.startsWith('[')
      ? header.slice(0, header.indexOf(']') + 1)
      : (header.split(':')[0] ?? '');
    if (!hosts.has(name)) {
      return c.json(
        errorBody(
          'host_not_allowed',
          `This server does not answer to "${header.slice(0, 100)}"; add it to TACT_ALLOWED_HOSTS.`,
          { host: header.slice(0, 100) },
        ),
        400,
      );
    }
    return next();
  };
}

/** Source maps are not served: they are built for debugging, not for the network. */
export function noSourceMaps(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path.endsWith('.map')) return c.text('Not found', 404);
    return next();
  };
}
