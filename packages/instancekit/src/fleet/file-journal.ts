// The journal as a JSONL file (Node only): one event per line, appended and fsync'd before `append` resolves, so
// an event the runner went on from survives a crash or `kill -9`. A line cut short by a crash mid-write is the
// only one that can be incomplete — it is the last, and it is skipped when read (its event never counted).
// A lock file beside the journal keeps two runs from writing one journal at once; a lock left by a process that
// no longer exists (a crash) is taken over.
import { closeSync, fsyncSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import type { Journal, JournalEvent } from './journal.js';

export interface FileJournal extends Journal {
  readonly path: string;
  close(): Promise<void>;
}

/** Opens (creating it if needed) the journal at `path` and takes its lock until `close()`. */
export function fileJournal(path: string): FileJournal {
  const lock = `${path}.lock`;
  takeLock(lock);
  let fd: number | undefined = openSync(path, 'a', 0o600);
  return {
    path,
    async append(event: JournalEvent) {
      if (fd === undefined) throw new Error(`the journal ${path} is closed`);
      writeSync(fd, `${JSON.stringify(event)}\n`);
      fsyncSync(fd);
    },
    async read() {
      return readJournal(path);
    },
    async close() {
      if (fd === undefined) return;
      closeSync(fd);
      fd = undefined;
      rmSync(lock, { force: true });
    },
  };
}

/** The events of a journal file, without taking its lock (`fleet status` reads a running one). */
export function readJournal(path: string): JournalEvent[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n');
  const events: JournalEvent[] = [];
  for (const [index, line] of lines.entries()) {
    if (line === '') continue;
    try {
      events.push(JSON.parse(line) as JournalEvent);
    } catch (error) {
      // Only the last line can be torn by a crash; anything else is a journal someone edited.
      if (index >= lines.length - 2) break;
      throw new Error(`the journal ${path} has an unreadable line ${index + 1}: ${(error as Error).message}`);
    }
  }
  return events;
}

function takeLock(lock: string): void {
  for (let tries = 0; tries < 2; tries++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx', mode: 0o600 });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lock, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && alive(owner))
        throw new Error(`the journal is in use by process ${owner} (${lock}); one run per journal`);
      rmSync(lock, { force: true });
    }
  }
  throw new Error(`could not take the journal lock ${lock}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
