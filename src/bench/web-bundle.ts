/**
 * What a page load of the web app costs in JavaScript: the scripts
 * Chromium fetched, each sized as gzip -9 of its file in `web/dist` (what a
 * compressing proxy sends), and named by Vite's build manifest after the
 * sources they bundle.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** `web/dist`, from `dist/src/bench`. */
export const WEB_DIST = join(__dirname, '..', '..', '..', 'web', 'dist');

/** One script of a load: its file in `web/dist` and what the manifest says it is. */
export interface ScriptCost {
  readonly file: string;
  /** The manifest's key for the chunk: the source it starts from, or its chunk name. */
  readonly chunk: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

interface ManifestChunk {
  readonly file: string;
  readonly name?: string;
  readonly src?: string;
}

/** Reads the build manifest (`build.manifest` in web/vite.config.mts): chunk file → its key. */
export function manifestNames(distDir = WEB_DIST): Map<string, string> {
  const path = join(distDir, '.vite', 'manifest.json');
  if (!existsSync(path)) throw new Error(`no build manifest at ${path}: run npm run build`);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, ManifestChunk>;
  const names = new Map<string, string>();
  for (const [key, chunk] of Object.entries(manifest)) names.set(chunk.file, chunk.src ?? key);
  return names;
}

/** The cost of each script URL the browser fetched from the app (others are ignored). */
export function scriptCosts(
  urls: Iterable<string>,
  names: Map<string, string>,
  distDir = WEB_DIST,
): ScriptCost[] {
  const costs: ScriptCost[] = [];
  for (const url of new Set(urls)) {
    const file = new URL(url).pathname.replace(/^\//, '');
    const path = join(distDir, file);
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    costs.push({
      file,
      chunk: names.get(file) ?? file,
      bytes: bytes.length,
      gzipBytes: gzipSync(bytes, { level: 9 }).length,
    });
  }
  return costs.sort((a, b) => a.file.localeCompare(b.file));
}

/** Sum of the scripts' gzip sizes, in KB (1,000 bytes, as the target is written). */
export function gzipKb(costs: readonly ScriptCost[]): number {
  return costs.reduce((sum, c) => sum + c.gzipBytes, 0) / 1000;
}
