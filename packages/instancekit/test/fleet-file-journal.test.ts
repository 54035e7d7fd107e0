// The file journal (instancekit/fleet-node) on a real file system: one JSON line per event, durable before append
// resolves; a line cut short by a crash is skipped when read, a damaged line before the last is an error; one run
// per journal (a lock held by a live process is refused, one left by a dead process is taken over).
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileJournal, type JournalEvent, readJournal } from 'instancekit/fleet-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'instancekit-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const intent = (n: number): JournalEvent => ({
  type: 'intent',
  at: n,
  key: `tencent/-/ins-${n}`,
  action: 'ResetInstancesType',
});

describe('fileJournal', () => {
  it('appends one line per event and reads them back in order', async () => {
    const path = join(dir, 'j.jsonl');
    const journal = fileJournal(path);
    await journal.append(intent(1));
    await journal.append(intent(2));
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(3);
    expect(await journal.read()).toEqual([intent(1), intent(2)]);
    await journal.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
    // Reopened, it appends after what is there.
    const again = fileJournal(path);
    await again.append(intent(3));
    await again.close();
    expect(readJournal(path).map((e) => e.at)).toEqual([1, 2, 3]);
  });

  it('skips a last line cut short by a crash; a damaged line before it is an error', () => {
    const path = join(dir, 'j.jsonl');
    writeFileSync(path, `${JSON.stringify(intent(1))}\n{"type":"sent","at":2,"ke`);
    expect(readJournal(path)).toEqual([intent(1)]);
    writeFileSync(path, `{"type":"int\n${JSON.stringify(intent(1))}\n${JSON.stringify(intent(2))}\n`);
    expect(() => readJournal(path)).toThrow(/unreadable line 1/);
    expect(readJournal(join(dir, 'none.jsonl'))).toEqual([]);
  });

  it('one run per journal: a live owner is refused, a dead one is taken over', async () => {
    const path = join(dir, 'j.jsonl');
    const first = fileJournal(path);
    expect(() => fileJournal(path)).toThrow(/in use by process \d+/);
    await first.close();
    // A lock left by a process that has exited (its pid is free once it is reaped).
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    writeFileSync(`${path}.lock`, dead.stdout);
    const taken = fileJournal(path);
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(String(process.pid));
    await taken.append(intent(1));
    await taken.close();
    appendFileSync(path, '');
    expect(readJournal(path)).toEqual([intent(1)]);
  });
});
