// instancekit/fleet-node — instancekit/fleet with the file journal (append + fsync per event), for Node: `runFleet`
// takes a journal or a path to one. Kept apart so a browser bundle of instancekit/fleet carries no node:fs.
import { type FileJournal, fileJournal, readJournal } from '../fleet/file-journal.js';
import type { Journal } from '../fleet/journal.js';
import type { FleetReport } from '../fleet/report.js';
import { type FleetRunOptions, runFleet as runWith } from '../fleet/run.js';

export * from './fleet.js';
export { type FileJournal, fileJournal, readJournal };

/** `runFleet` of instancekit/fleet; `journal` may be a file path (the file journal, closed when the run ends). */
export async function runFleet(
  options: Omit<FleetRunOptions, 'journal'> & { journal: Journal | string },
): Promise<FleetReport> {
  if (typeof options.journal !== 'string') return runWith(options as FleetRunOptions);
  const journal = fileJournal(options.journal);
  try {
    return await runWith({ ...options, journal });
  } finally {
    await journal.close();
  }
}
