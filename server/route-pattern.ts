// A route's path pattern as Hono writes it ('/api/segments/:id/versions/:v'), matched against a
// request's path with its parameters: what the permission table and the audit log both look up.
export interface RoutePattern {
  pattern: string;
  /** Its literal segments: the more, the more specific (Hono routes literals before parameters). */
  literals: number;
  /** The path's parameters by name when it matches (a trailing slash allowed); null otherwise. */
  match(path: string): Record<string, string> | null;
}

export function routePattern(pattern: string): RoutePattern {
  const names: string[] = [];
  const parts = pattern.split('/');
  const source = parts
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(part.slice(1));
      return '([^/]+)';
    })
    .join('/');
  const regex = new RegExp(`^${source}/?$`);
  return {
    pattern,
    literals: parts.filter((part) => part !== '' && !part.startsWith(':')).length,
    match(path) {
      const found = regex.exec(path);
      if (found === null) return null;
      const params: Record<string, string> = {};
      names.forEach((name, i) => (params[name] = decoded(found[i + 1] ?? '')));
      return params;
    },
  };
}

/** A parameter as written when it is not valid percent-encoding (the route then refuses it). */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
