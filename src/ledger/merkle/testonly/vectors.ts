/**
 * Test-only loader for the shared RFC 6962 vectors in `<repo>/../shared/vectors/rfc6962`. Throws
 * (so the tests fail, never skip) when the folder or a category is missing or a file is malformed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface InclusionVector {
  readonly file: string;
  readonly leafIdx: bigint;
  readonly treeSize: bigint;
  readonly root: Buffer;
  readonly leafHash: Buffer;
  readonly proof: Buffer[];
  readonly desc: string;
  readonly wantErr: boolean;
}

export interface ConsistencyVector {
  readonly file: string;
  readonly size1: bigint;
  readonly size2: bigint;
  readonly root1: Buffer;
  readonly root2: Buffer;
  readonly proof: Buffer[];
  readonly desc: string;
  readonly wantErr: boolean;
}

/** The repository root: the nearest ancestor with package.json and tsconfig.json (the second
 * test rules out a package.json that the compiler may have copied into dist/). */
export function repoRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'tsconfig.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no repository root above ${from}`);
  }
}

export const VECTORS_DIR = resolve(repoRoot(), '../shared/vectors/rfc6962');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return jsonFiles(path);
      return entry.name.endsWith('.json') ? [path] : [];
    })
    .sort();
}

interface Raw {
  readonly text: string;
  readonly json: Record<string, unknown>;
}

function read(path: string): Raw {
  const text = readFileSync(path, 'utf8');
  return { text, json: JSON.parse(text) as Record<string, unknown> };
}

/**
 * An integer field, exactly: some vectors hold uint64 values such as 2^64 - 1 (an index that
 * wrapped below 0), which JSON.parse would round, so the digits are read from the text.
 */
function int(raw: Raw, key: string): bigint {
  const match = new RegExp(`"${key}"\\s*:\\s*(\\d+)\\s*[,}]`).exec(raw.text);
  if (match === null || typeof raw.json[key] !== 'number') throw new Error(`bad ${key}`);
  return BigInt(match[1]);
}

function bytes(raw: Raw, key: string): Buffer {
  const value = raw.json[key];
  if (typeof value !== 'string') throw new Error(`bad ${key}`);
  return Buffer.from(value, 'base64');
}

function proof(raw: Raw): Buffer[] {
  const value = raw.json.proof ?? [];
  if (!Array.isArray(value) || !value.every((e) => typeof e === 'string')) {
    throw new Error('bad proof');
  }
  return value.map((e: string) => Buffer.from(e, 'base64'));
}

function flag(raw: Raw): boolean {
  if (typeof raw.json.wantErr !== 'boolean') throw new Error('bad wantErr');
  return raw.json.wantErr;
}

function load<T>(category: string, parse: (v: Raw, file: string) => T): T[] {
  const files = jsonFiles(join(VECTORS_DIR, category));
  if (files.length === 0) throw new Error(`no vectors in ${join(VECTORS_DIR, category)}`);
  return files.map((path) => {
    const file = relative(VECTORS_DIR, path);
    try {
      return parse(read(path), file);
    } catch (err) {
      throw new Error(`${file}: ${(err as Error).message}`, { cause: err });
    }
  });
}

export function inclusionVectors(): InclusionVector[] {
  return load('inclusion', (v, file) => ({
    file,
    leafIdx: int(v, 'leafIdx'),
    treeSize: int(v, 'treeSize'),
    root: bytes(v, 'root'),
    leafHash: bytes(v, 'leafHash'),
    proof: proof(v),
    desc: String(v.json.desc),
    wantErr: flag(v),
  }));
}

export function consistencyVectors(): ConsistencyVector[] {
  return load('consistency', (v, file) => ({
    file,
    size1: int(v, 'size1'),
    size2: int(v, 'size2'),
    root1: bytes(v, 'root1'),
    root2: bytes(v, 'root2'),
    proof: proof(v),
    desc: String(v.json.desc),
    wantErr: flag(v),
  }));
}
