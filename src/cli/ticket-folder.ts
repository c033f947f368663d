/**
 * A folder of ticket files, as `eter import` reads and `eter simulate --out`
 * writes them: every `*.json` file directly in the folder, taken in name
 * order, holds one ticket (an object) or several (an array of them).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Ticket } from '../format';
import { CliError } from './cli-error';

/** The ticket files of a folder, sorted by name (code-unit order, the same everywhere). */
export function ticketFiles(dir: string): string[] {
  const path = resolve(dir);
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new CliError(`no folder ${path}`);
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => entry.name)
    .sort();
}

/**
 * The tickets of one file, as parsed JSON, not validated: the collector
 * judges them, and reports every bad field.
 * @throws {Error} when the file cannot be read or is not JSON.
 */
export function readTicketFile(path: string): unknown[] {
  const content = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  return Array.isArray(content) ? content : [content];
}

/**
 * Writes tickets into `dir` as `tickets-000001.json`, … with `perFile`
 * tickets in each (a JSON array), so that name order is ticket order.
 * @throws {CliError} when `dir` already holds ticket files: runs never mix.
 */
export function writeTicketFiles(
  dir: string,
  tickets: Iterable<Ticket>,
  perFile: number,
): { files: number; tickets: number } {
  const path = resolve(dir);
  mkdirSync(path, { recursive: true });
  if (ticketFiles(path).length > 0)
    throw new CliError(`${path} already holds ticket files: give an empty or new folder`);
  let files = 0;
  let count = 0;
  let chunk: Ticket[] = [];
  const flush = () => {
    if (chunk.length === 0) return;
    const name = `tickets-${String(++files).padStart(6, '0')}.json`;
    writeFileSync(join(path, name), `${JSON.stringify(chunk, null, 2)}\n`);
    chunk = [];
  };
  for (const ticket of tickets) {
    chunk.push(ticket);
    count++;
    if (chunk.length === perFile) flush();
  }
  flush();
  return { files, tickets: count };
}
