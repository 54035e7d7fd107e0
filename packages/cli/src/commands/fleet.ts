// fleet plan / apply / status over a plan file. The work is the facade's (`instancekit/fleet-node`): this module
// reads the file (with line numbers for every problem), wires Ctrl-C, draws the progress and prints the report.
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import {
  type FleetEvent,
  FleetPlanError,
  type FleetReport,
  fleetReport,
  type PriceTotal,
  previewFleet,
  readJournal,
  runFleet,
} from 'instancekit/fleet-node';
import { EXIT } from '../exit-codes.js';
import { type GlobalFlags, integerFlag, numberFlag } from '../kit.js';
import { duration, type Out, printJson, printLines, table } from '../output.js';
import { type PlanFile, PlanFileError, readPlanFile } from '../plan-file.js';
import { progress } from '../progress.js';
import { reinstallSecrets, type SecretFlags } from '../secrets.js';

type Run = (out: Out, flags: GlobalFlags, action: () => Promise<number>) => Promise<void>;

interface RunFlags extends SecretFlags {
  concurrency?: number;
  rateShare?: number;
  jobTimeoutMs?: number;
  timeoutMs?: number;
  maxAttempts?: number;
  profile?: string;
}

/** The default journal of a plan: beside it, `<plan>.journal.jsonl`. */
const journalOf = (planPath: string) =>
  join(dirname(planPath), `${basename(planPath).replace(/\.(ya?ml|json)$/i, '')}.journal.jsonl`);

/** A refused plan, each problem with the line of its change or field in the file. */
function located(error: unknown, file: PlanFile): unknown {
  if (!(error instanceof FleetPlanError)) return error;
  const problems = error.problems.map((p) => {
    const line = file.lineOf(p.field);
    return { ...p, ...(line !== undefined ? { line } : {}) };
  });
  const first = problems[0]!;
  return new PlanFileError(
    `the plan ${file.path} has ${problems.length} problem(s); nothing was sent. First: line ${first.line ?? '?'}: ${first.message}`,
    problems,
  );
}

const totalLines = (totals: readonly PriceTotal[]) =>
  totals.length
    ? totals.map(
        (t) =>
          `total ${t.billing}: ${t.amount} ${t.currency}${t.unit ? ` per ${t.unit}` : ''} (${t.changes} change(s))`,
      )
    : ['total: nothing priced'];

function sharedOptions(command: Command): Command {
  return command
    .option('--concurrency <n>', 'changes at once (default 8)', integerFlag('--concurrency', 1, 256))
    .option(
      '--max-attempts <n>',
      'attempts of each call the provider may retry (default 3)',
      integerFlag('--max-attempts', 1, 10),
    )
    .option(
      '--rate-share <share>',
      "share of each action's documented rate limit to use (default 0.8)",
      numberFlag('--rate-share', 0, 1),
    )
    .option('--password-stdin', 'the login password of every reinstall, from stdin')
    .option('--password-file <path>', 'the login password of every reinstall, from a file')
    .option('--user-data-file <path>', 'user data for every reinstall');
}

export function fleetCommands(program: Command, out: Out, run: Run): void {
  const fleet = program.command('fleet').description('plan, apply and follow changes over many instances');
  const flags = (command: Command) => command.optsWithGlobals() as GlobalFlags & RunFlags;

  sharedOptions(fleet.command('plan <file>'))
    .description(
      'check every change offline, then describe, check availability and price each one; nothing is changed',
    )
    .action((path: string, _o, command: Command) =>
      run(out, flags(command), () => planCommand(out, path, flags(command))),
    );

  sharedOptions(fleet.command('apply <file>'))
    .description(
      'run every change: jobs with a concurrency limit, paced by the rate limits, journaled for --resume',
    )
    .option('--journal <path>', 'the journal (default: <plan>.journal.jsonl beside the plan)')
    .option('--resume', 'continue the run the journal records (after a crash or Ctrl-C)')
    .option('--job-timeout-ms <n>', "each job's deadline", integerFlag('--job-timeout-ms', 1, 2 ** 31 - 1))
    .option(
      '--reconcile-after-ms <n>',
      'wait this long after an unanswered mutation before describing (default 60000)',
      integerFlag('--reconcile-after-ms', 0, 2 ** 31 - 1),
    )
    .option('--dry-run', 'the same as fleet plan')
    .action(
      (
        path: string,
        o: { journal?: string; resume?: boolean; reconcileAfterMs?: number; dryRun?: boolean },
        command: Command,
      ) =>
        run(out, flags(command), async () => {
          const f = flags(command);
          if (o.dryRun) return planCommand(out, path, f);
          const file = await readPlanFile(path);
          const secrets = await reinstallSecrets(f);
          const display = await progress(process.stderr, out.json);
          const stop = new AbortController();
          const abort = new AbortController();
          let interrupts = 0;
          const onSignal = () => {
            interrupts++;
            if (interrupts === 1) {
              stop.abort();
              display.notice(
                'stopping: no new change starts; running ones finish (Ctrl-C again to stop them at a safe point)',
              );
            } else if (interrupts === 2) {
              abort.abort();
              display.notice('aborting: running changes stop at their next safe point and send nothing more');
            } else process.exit(130);
          };
          process.on('SIGINT', onSignal);
          process.on('SIGTERM', onSignal);
          const live = liveState();
          display.render(() => live.lines());
          try {
            const report = await runFleet({
              plan: file.plan,
              journal: o.journal ?? journalOf(path),
              secrets,
              ...(o.resume ? { resume: true } : {}),
              ...(o.reconcileAfterMs !== undefined ? { reconcileAfterMs: o.reconcileAfterMs } : {}),
              ...(f.jobTimeoutMs !== undefined ? { jobTimeoutMs: f.jobTimeoutMs } : {}),
              ...common(f),
              stop: stop.signal,
              abort: abort.signal,
              onEvent: (event) => {
                live.on(event);
                if (event.type === 'end')
                  display.line(`${event.outcome.padEnd(9)} ${event.key}  ${event.message}`);
              },
            }).catch((error: unknown) => {
              throw located(error, file);
            });
            display.done();
            printReport(out, report);
            return report.ok ? EXIT.ok : EXIT.fleetFailures;
          } finally {
            display.done();
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
          }
        }),
    );

  fleet
    .command('status [file]')
    .description('the report of a run from its journal (the run may still be going)')
    .option('--journal <path>', 'the journal (default: <plan>.journal.jsonl beside the plan)')
    .action((path: string | undefined, o: { journal?: string }, command: Command) =>
      run(out, flags(command), async () => {
        const journal = o.journal ?? (path ? journalOf(path) : undefined);
        if (!journal) throw new PlanFileError('give the plan file or --journal');
        const events = readJournal(journal);
        if (!events.length) throw new PlanFileError(`the journal ${journal} records no run`);
        const report = fleetReport(events);
        printReport(out, report);
        return report.ok ? EXIT.ok : EXIT.fleetFailures;
      }),
    );
}

/** `fleet plan` (and `fleet apply --dry-run`): the preview of every change, nothing changed. */
async function planCommand(out: Out, path: string, o: RunFlags): Promise<number> {
  const file = await readPlanFile(path);
  const preview = await previewFleet({
    plan: file.plan,
    secrets: await reinstallSecrets(o),
    ...common(o),
  }).catch((error: unknown) => {
    throw located(error, file);
  });
  if (out.json) printJson(out, preview);
  else
    printLines(out, [
      ...table(
        ['change', 'now', 'to', 'stops', 'availability', 'price', 'note'],
        preview.entries.map((e) => [
          e.key,
          e.now ? `${e.now.state} ${e.kind === 'resize' ? e.now.instanceType : (e.now.imageId ?? '')}` : '?',
          e.target,
          e.wouldStop ? 'yes' : e.refused ? 'refused' : 'no',
          e.noop ? 'already' : e.availability,
          e.price
            ? `${e.price.lines.map((l) => l.discountedAmount ?? l.originalAmount).join('+')} ${e.price.currency}`
            : '-',
          e.error
            ? `${e.error.code}: ${e.error.message}`
            : e.refused
              ? 'running and whenRunning is refuse'
              : '',
        ]),
      ),
      ...totalLines(preview.totals),
    ]);
  return preview.ok ? EXIT.ok : EXIT.failed;
}

function common(o: RunFlags) {
  return {
    ...(o.concurrency !== undefined ? { concurrency: o.concurrency } : {}),
    ...(o.rateShare !== undefined ? { rateShare: o.rateShare } : {}),
    ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    ...(o.maxAttempts !== undefined ? { retry: { maxAttempts: o.maxAttempts } } : {}),
    ...(o.profile !== undefined ? { profile: o.profile } : {}),
  };
}

function printReport(out: Out, report: FleetReport): void {
  if (out.json) {
    printJson(out, report);
    return;
  }
  const { counts } = report;
  printLines(out, [
    ...table(
      ['change', 'outcome', 'time', 'price', 'request ids'],
      report.entries.map((e) => [
        e.key,
        e.outcome,
        duration(e.elapsedMs),
        e.price
          ? `${e.price.lines.map((l) => l.discountedAmount ?? l.originalAmount).join('+')} ${e.price.currency}`
          : '-',
        e.requestIds.join(' '),
      ]),
    ),
    ...totalLines(report.totals),
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([name, n]) => `${n} ${name}`)
      .join(', '),
  ]);
}

/** What the live display shows: the counts and the changes running now with their step. */
function liveState() {
  let total = 0;
  const ended = new Map<string, number>();
  const running = new Map<string, string>();
  const started = Date.now();
  return {
    on(event: FleetEvent) {
      if (event.type === 'start') {
        total = event.total;
        running.set(event.key, 'starting');
      } else if (event.type === 'progress')
        running.set(
          event.key,
          `${event.progress.step} ${event.progress.phase}${event.progress.state ? ` (${event.progress.state})` : ''}`,
        );
      else {
        running.delete(event.key);
        ended.set(event.outcome, (ended.get(event.outcome) ?? 0) + 1);
      }
    },
    lines(): string[] {
      const done = [...ended.values()].reduce((a, b) => a + b, 0);
      const width = 30;
      const filled = total ? Math.round((done / total) * width) : 0;
      return [
        `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}  ${[...ended].map(([o, n]) => `${n} ${o}`).join(', ')}  ${duration(Date.now() - started)}`,
        ...[...running].slice(0, 8).map(([key, step]) => `  ${key}  ${step}`),
        ...(running.size > 8 ? [`  … and ${running.size - 8} more`] : []),
      ];
    },
  };
}
