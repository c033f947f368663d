/**
 * Which methods the server serves on a path, so that a request with another
 * method gets 405 with `Allow` (RFC 9110 §15.5.6) rather than 404, which
 * would say the resource does not exist. Built from the routes as they are
 * registered; find-my-way answers only "this method here, or nothing".
 */
export class AllowedMethods {
  private readonly routes: Array<{ readonly path: RegExp; readonly method: string }> = [];

  /** Records a route: its method and its URL as registered (`:param`, `::` for a literal colon, `*`). */
  add(method: string, url: string): void {
    this.routes.push({ method, path: routePattern(url) });
  }

  /** The methods served on `path` (without its query), HEAD with GET; empty when none is. */
  for(path: string): string[] {
    const methods = new Set<string>();
    for (const route of this.routes) {
      if (!route.path.test(path)) continue;
      methods.add(route.method);
      if (route.method === 'GET') methods.add('HEAD');
    }
    return [...methods].sort();
  }
}

function routePattern(url: string): RegExp {
  let source = '';
  for (let i = 0; i < url.length; i++) {
    const c = url[i]!;
    if (c === ':' && url[i + 1] === ':') {
      source += ':';
      i++;
    } else if (c === ':') {
      // A parameter runs to the next '/' or '::' (find-my-way's own rule), and is never empty.
      while (i + 1 < url.length && url[i + 1] !== '/' && url[i + 1] !== ':') i++;
      source += '[^/]+?';
    } else if (c === '*') {
      source += '.*';
    } else {
      source += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}
