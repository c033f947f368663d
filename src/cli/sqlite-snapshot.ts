import Database from 'better-sqlite3';

/** Pages per backup step: all of them, so that the copy is taken in one step. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies a SQLite database, which a running server may be writing, into a
 * new file as it stood at one moment: SQLite's online backup in a single
 * step, under one read transaction. In WAL mode that read does not hold up
 * the writer. (In small steps, every commit of the writer would restart the
 * copy, and a busy server would keep it from ever finishing.)
 *
 * The destination must not exist; it is created with the process's umask,
 * so put it in a folder of mode 0700.
 * @returns the number of database pages copied.
 */
export async function snapshotDatabase(source: string, destination: string): Promise<number> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const progress = await db.backup(destination, { progress: () => ALL_PAGES });
    return progress.totalPages;
  } finally {
    db.close();
  }
}
