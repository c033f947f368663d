/**
 * The data folder's modes whatever the umask: the folder 0700 and every
 * file in it 0600, for the real server wiring (`startLocalServer`) started
 * on a folder that already existed with a wider mode.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TokenService } from '../../src/api/auth/tokens';
import { loadConfig } from '../../src/api/config';
import { startLocalServer } from '../../src/cli/local-server';
import { LINE_REFERENCE_KEY_FILE, LineReferences } from '../../src/readmodel';
import { tempDir } from '../support/engines';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('data folder modes', () => {
  const dir = tempDir('eter-modes-');
  const data = join(dir.path, 'data');
  const umask = process.umask(0o022);
  after(() => {
    process.umask(umask);
    dir.cleanup();
  });

  it('makes the folder 0700 and read.db, like every other file, 0600', async () => {
    mkdirSync(data, { mode: 0o755 });
    chmodSync(data, 0o755);
    const server = await startLocalServer(
      loadConfig({ flags: { port: 0, dataDir: data, logLevel: 'silent' } }),
    );
    try {
      await server.projector?.waitFor((await server.ledger.height()) - 1);
      assert.equal(mode(data), '700');
      const files = readdirSync(data).filter((f) => statSync(join(data, f)).isFile());
      for (const file of ['read.db', 'token-key', 'line-reference-key'])
        assert.ok(files.includes(file), `${file} not in ${files.join(' ')}`);
      const wide = files.filter((f) => mode(join(data, f)) !== '600');
      assert.deepEqual(
        wide.map((f) => `${f} ${mode(join(data, f))}`),
        [],
        'files readable by others',
      );
    } finally {
      await server.close();
    }
  });

  it('refuses a token key that others can read, naming the file and the fix', () => {
    const file = join(data, 'token-key');
    chmodSync(file, 0o644);
    assert.throws(
      () => TokenService.open(data),
      new RegExp(`token key ${file} has mode 644; it must be 600 \\(chmod 600 ${file}\\)`),
    );
    chmodSync(file, 0o600);
    assert.ok(TokenService.open(data));
  });

  it('refuses a line reference key that others can read, naming the file and the fix', () => {
    const file = join(data, LINE_REFERENCE_KEY_FILE);
    chmodSync(file, 0o640);
    assert.throws(
      () => LineReferences.open(data),
      new RegExp(`line reference key ${file} has mode 640; it must be 600 \\(chmod 600 ${file}\\)`),
    );
    chmodSync(file, 0o600);
    assert.ok(LineReferences.open(data));
  });
});
