import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * The first executable called `name` in a folder of PATH, as a shell would
 * find it; `undefined` when there is none. The Chromium suites and
 * `bench:web` find Debian's `chromium` this way (nothing downloads a browser).
 */
export function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
