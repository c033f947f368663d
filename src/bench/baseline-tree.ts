/**
 * A commit's tree, compiled, in a cache folder outside the clone:
 * `$XDG_CACHE_HOME/eter/bench-baseline/<commit>` (`~/.cache/…` by default).
 * Built once (`git archive` of the commit, this clone's `node_modules`
 * linked in, `tsc` only: the benches need no web build) and reused.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '../cli/cli-error';

/** Written last: a folder without it is a build that did not finish. */
const BUILT = '.eter-bench-built';

/** Where baselines are cached. */
export function baselineCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== ''
      ? env.XDG_CACHE_HOME
      : join(homedir(), '.cache');
  return join(base, 'eter', 'bench-baseline');
}

function git(root: string, args: readonly string[]): ReturnType<typeof spawnSync> {
  return spawnSync('git', args, { cwd: root, maxBuffer: 1 << 30 });
}

/**
 * The full commit id `rev` names in the clone at `root`.
 * @throws {CliError} naming `flag` when it names none.
 */
export function resolveCommit(root: string, rev: string, flag: string): string {
  const result = git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  const sha = String(result.stdout).trim();
  if (result.status !== 0 || !/^[0-9a-f]{40,64}$/.test(sha)) {
    throw new CliError(`${flag}: "${rev}" names no commit in ${root}`);
  }
  return sha;
}

/**
 * (Re)links the clone's `node_modules` into `dir`. The baseline runs with
 * this clone's packages: its runtime dependencies should be the same (a
 * warning says when its package.json's differ).
 */
function linkModules(root: string, dir: string, log: (line: string) => void): void {
  const link = join(dir, 'node_modules');
  rmSync(link, { force: true });
  symlinkSync(realpathSync(join(root, 'node_modules')), link, 'dir');
  const deps = (d: string) =>
    JSON.stringify(
      (JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')) as { dependencies?: unknown })
        .dependencies ?? {},
    );
  if (deps(root) !== deps(dir)) {
    log(`warning: the baseline's runtime dependencies differ from this clone's, whose it uses`);
  }
}

/**
 * The compiled tree of `sha`, built into the cache if it is not there yet.
 * @returns its folder.
 */
export function baselineTree(root: string, sha: string, log: (line: string) => void): string {
  const cache = baselineCacheRoot();
  const dir = join(cache, sha);
  if (existsSync(join(dir, BUILT))) {
    linkModules(root, dir, log);
    log(`baseline ${sha.slice(0, 12)}: cached in ${dir}`);
    return dir;
  }
  mkdirSync(cache, { recursive: true });
  const tmp = mkdtempSync(join(cache, `${sha}.building-`));
  try {
    log(`baseline ${sha.slice(0, 12)}: extracting and building in ${dir}`);
    const archive = git(root, ['archive', '--format=tar', sha]);
    if (archive.status !== 0) throw new Error(`git archive ${sha}: ${String(archive.stderr)}`);
    const tar = spawnSync('tar', ['-x', '-C', tmp], { input: archive.stdout as Buffer });
    if (tar.status !== 0) throw new Error(`tar: ${String(tar.stderr)}`);
    linkModules(root, tmp, log);
    const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
    const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], {
      cwd: tmp,
      stdio: ['ignore', 2, 2], // stdout stays free for --json
    });
    if (build.status !== 0) throw new Error(`tsc failed in the baseline tree ${tmp}`);
    writeFileSync(join(tmp, BUILT), `${new Date().toISOString()}\n`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
    return dir;
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}
