// The single-instance commands: describe, quote, options, resize, reinstall, start, stop, wait. Each is one kit
// call (or one job) and prints its result as lines, or as one JSON document with --json (schemas.ts).
import type { Command } from 'commander';
import type { InstanceKit, JobProgress, JobResult, WhenRunning } from 'instancekit';
import { EXIT } from '../exit-codes.js';
import { type GlobalFlags, integerFlag, kitFrom } from '../kit.js';
import { duration, type Out, printJson, printLines, table, withoutRaw } from '../output.js';
import { progress } from '../progress.js';
import { reinstallSecrets, type SecretFlags, UsageError } from '../secrets.js';

type Run = (out: Out, flags: GlobalFlags, action: () => Promise<number>) => Promise<void>;

const WHEN_RUNNING = ['refuse', 'stop', 'stopAndRestart'];

function whenRunning(value: string): WhenRunning {
  if (!WHEN_RUNNING.includes(value))
    throw new UsageError(`--when-running must be one of ${WHEN_RUNNING.join(', ')}`);
  return value as WhenRunning;
}

const describedLines = (d: {
  instanceId: string;
  state: string;
  providerState: string;
  instanceType: string;
  imageId: string | null;
}) => [`${d.instanceId}  ${d.state} (${d.providerState})  ${d.instanceType}  ${d.imageId ?? '-'}`];

/** A job with progress on stderr: a live line on a terminal, a line per step otherwise. */
async function runJob(
  out: Out,
  run: (onProgress: (p: JobProgress) => void) => Promise<JobResult>,
): Promise<number> {
  const display = await progress(process.stderr, out.json);
  let last: JobProgress | undefined;
  display.render(() =>
    last
      ? [`${last.step} ${last.phase}${last.state ? ` (${last.state})` : ''}  ${duration(last.elapsedMs)}`]
      : [],
  );
  try {
    const result = await run((p) => {
      last = p;
      if (p.phase === 'started' || p.phase === 'busy')
        display.line(`${p.step} ${p.phase}${p.state ? ` (${p.state})` : ''}`);
    });
    display.done();
    if (out.json)
      printJson(out, { ...result, before: withoutRaw(result.before), after: withoutRaw(result.after) });
    else
      printLines(out, [
        result.message,
        ...table(
          ['step', 'action', 'request id', 'state', 'time'],
          result.steps.map((s) => [
            s.step,
            s.action ?? '',
            s.requestId ?? '',
            s.state,
            duration(s.elapsedMs),
          ]),
        ),
      ]);
    return EXIT.ok;
  } catch (error) {
    display.done();
    throw error;
  }
}

export function instanceCommands(program: Command, out: Out, run: Run): void {
  const flags = (command: Command) => command.optsWithGlobals() as GlobalFlags;

  program
    .command('describe <instanceId>')
    .description('the instance: neutral state, provider state, type and image')
    .action((id: string, _o, command: Command) =>
      run(out, flags(command), async () => {
        const described = withoutRaw(await kitFrom(flags(command)).describe(id));
        out.json ? printJson(out, described) : printLines(out, describedLines(described));
        return EXIT.ok;
      }),
    );

  program
    .command('quote <instanceId>')
    .description('the price of a resize (--type) or a reinstall (--image), nothing changed')
    .option('--type <instanceType>', 'price a resize to this type')
    .option('--image <imageId>', 'price a reinstall from this image')
    .action((id: string, o: { type?: string; image?: string }, command: Command) =>
      run(out, flags(command), async () => {
        if (!o.type === !o.image) throw new UsageError('give --type (a resize) or --image (a reinstall)');
        const kit = kitFrom(flags(command));
        const quote = o.type
          ? await kit.quoteResize({ instanceId: id, instanceType: o.type })
          : await kit.quoteReinstall({ instanceId: id, imageId: o.image! });
        if (out.json) printJson(out, withoutRaw(quote));
        else
          printLines(out, [
            `${quote.action} (${quote.currency})${quote.unconfirmed.length ? `  unconfirmed: ${quote.unconfirmed.join('; ')}` : ''}`,
            ...table(
              ['item', 'billing', 'original', 'discounted', 'unit'],
              quote.lines.map((l) => [
                l.item,
                l.billing,
                String(l.originalAmount ?? '-'),
                String(l.discountedAmount ?? '-'),
                l.unit ?? '',
              ]),
            ),
          ]);
        return EXIT.ok;
      }),
    );

  program
    .command('options <instanceId>')
    .description('the types the instance can change to, with their availability')
    .action((id: string, _o, command: Command) =>
      run(out, flags(command), async () => {
        const options = withoutRaw(await kitFrom(flags(command)).resizeOptions(id));
        out.json
          ? printJson(out, options)
          : printLines(
              out,
              table(
                ['type', 'availability'],
                options.options.map((o) => [o.instanceType, o.availability]),
              ),
            );
        return EXIT.ok;
      }),
    );

  jobFlags(
    program
      .command('resize <instanceId>')
      .description('change the instance type: stop if needed and allowed, resize, wait, start again, verify')
      .requiredOption('--type <instanceType>', 'the target type'),
  )
    .option('--dry-run', 'validate, show availability and price; change nothing')
    .action(
      (
        id: string,
        o: { type: string; whenRunning: WhenRunning; jobTimeoutMs?: number; dryRun?: boolean },
        command: Command,
      ) =>
        run(out, flags(command), async () => {
          const kit = kitFrom(flags(command));
          if (o.dryRun)
            return dryRun(out, await kit.resize({ instanceId: id, instanceType: o.type, dryRun: true }));
          return runJob(out, (onProgress) =>
            kit.changeInstanceType({
              instanceId: id,
              instanceType: o.type,
              whenRunning: o.whenRunning,
              onProgress,
              ...(o.jobTimeoutMs ? { timeoutMs: o.jobTimeoutMs } : {}),
            }),
          );
        }),
    );

  jobFlags(
    program
      .command('reinstall <instanceId>')
      .description('reinstall the OS (the system disk is wiped): stop if needed, reinstall, wait, verify')
      .requiredOption('--image <imageId>', 'the image')
      .option('--password-stdin', 'read the new login password from stdin')
      .option('--password-file <path>', 'read the new login password from a file')
      .option(
        '--key-id <id>',
        'an SSH key pair id instead of a password (repeatable)',
        (v: string, all: string[] = []) => [...all, v],
      )
      .option('--host-name <name>', 'the host name')
      .option('--user-data-file <path>', 'cloud-init / launch script (sent base64-encoded)'),
  )
    .option('--dry-run', 'validate and price; change nothing')
    .action(
      (
        id: string,
        o: SecretFlags & {
          image: string;
          keyId?: string[];
          hostName?: string;
          whenRunning: WhenRunning;
          jobTimeoutMs?: number;
          dryRun?: boolean;
        },
        command: Command,
      ) =>
        run(out, flags(command), async () => {
          const kit = kitFrom(flags(command));
          const input = {
            instanceId: id,
            imageId: o.image,
            ...(await reinstallSecrets(o)),
            ...(o.keyId ? { keyIds: o.keyId } : {}),
            ...(o.hostName ? { hostName: o.hostName } : {}),
          };
          if (o.dryRun) return dryRun(out, await kit.reinstall({ ...input, dryRun: true }));
          return runJob(out, (onProgress) =>
            kit.reinstallAndWait({
              ...input,
              whenRunning: o.whenRunning,
              onProgress,
              ...(o.jobTimeoutMs ? { timeoutMs: o.jobTimeoutMs } : {}),
            }),
          );
        }),
    );

  for (const which of ['start', 'stop'] as const)
    program
      .command(`${which} <instanceId>`)
      .description(`${which} the instance and wait until it is ${which === 'start' ? 'running' : 'stopped'}`)
      .option('--no-wait', 'return once the provider accepted it')
      .option('--stop-type <type>', 'stop only: soft | softFirst | hard')
      .option('--dry-run', 'describe the instance and say whether the action would be sent; send nothing')
      .action(
        (
          id: string,
          o: { wait: boolean; stopType?: 'soft' | 'softFirst' | 'hard'; dryRun?: boolean },
          command: Command,
        ) =>
          run(out, flags(command), async () => {
            const kit = kitFrom(flags(command));
            if (which === 'start' && o.stopType) throw new UsageError('--stop-type is for stop only');
            if (o.dryRun) return powerDryRun(out, kit, which, id, o.stopType);
            const result =
              which === 'stop'
                ? await kit.stop(id, o.stopType ? { stopType: o.stopType } : {})
                : await kit.start(id);
            if (!result.noop && o.wait) await kit.waitFor(result.operation);
            const after = withoutRaw(await kit.describe(id));
            const printed = result.noop
              ? {
                  provider: kit.provider,
                  instanceId: id,
                  action: result.action,
                  noop: true,
                  message: result.message,
                  after,
                }
              : {
                  provider: kit.provider,
                  instanceId: id,
                  action: result.operation.action,
                  noop: false,
                  requestId: result.operation.requestId,
                  after,
                };
            out.json
              ? printJson(out, printed)
              : printLines(out, [
                  result.noop ? result.message : `${printed.action} ${printed.requestId ?? ''}`,
                  ...describedLines(after),
                ]);
            return EXIT.ok;
          }),
      );

  program
    .command('wait <instanceId>')
    .description('wait for an operation sent earlier (its action and request id) to end')
    .requiredOption('--action <action>', 'the provider action that was sent')
    .requiredOption('--request-id <id>', 'its request id')
    .option(
      '--wait-timeout-ms <n>',
      'give up after this long',
      integerFlag('--wait-timeout-ms', 1, 2 ** 31 - 1),
    )
    .action(
      (id: string, o: { action: string; requestId: string; waitTimeoutMs?: number }, command: Command) =>
        run(out, flags(command), async () => {
          const kit: InstanceKit = kitFrom(flags(command));
          const result = await kit.waitFor(
            {
              provider: kit.provider,
              action: o.action,
              instanceId: id,
              requestId: o.requestId,
              startedAt: Date.now(),
            },
            o.waitTimeoutMs ? { timeoutMs: o.waitTimeoutMs } : {},
          );
          out.json
            ? printJson(out, result)
            : printLines(out, [
                `${result.action} ${result.requestId}: ${result.state} after ${result.polls} poll(s), ${duration(result.elapsedMs)}`,
              ]);
          return EXIT.ok;
        }),
    );
}

/** The stop type as `kit.stop` would refuse it (a ValidationError naming it), without sending anything. */
async function checkStopType(kit: InstanceKit, instanceId: string, stopType: string): Promise<void> {
  // kit.stop checks its options against the spec before anything else (a ValidationError naming stopType), then
  // describes the instance; with a signal aborted beforehand the client sends nothing at all (core refuses an
  // aborted call before it reaches the transport), so the AbortError that follows is the "options are fine" answer.
  try {
    await kit.stop(instanceId, { stopType: stopType as never, signal: AbortSignal.abort() });
  } catch (error) {
    if ((error as { code?: string }).code === 'Aborted') return;
    throw error;
  }
}

/**
 * `stop`/`start --dry-run`: the stop type checked offline by the facade's own rules, then one describe. The action
 * would be sent unless the instance is already where it takes it (what `kit.stop`/`kit.start` answer with
 * `noop`); whether the provider then accepts it from the current state is its answer to give, as without the flag.
 */
async function powerDryRun(
  out: Out,
  kit: InstanceKit,
  which: 'start' | 'stop',
  instanceId: string,
  stopType: 'soft' | 'softFirst' | 'hard' | undefined,
): Promise<number> {
  if (stopType) await checkStopType(kit, instanceId, stopType);
  const before = withoutRaw(await kit.describe(instanceId));
  const action = kit.capabilities[which].action;
  const end = which === 'stop' ? 'stopped' : 'running';
  const wouldSend = before.state !== end;
  const message = wouldSend
    ? `dry run: ${action} would be sent (${instanceId} is ${before.state})`
    : `dry run: ${instanceId} is already ${end}: ${action} would not be sent`;
  const printed = {
    dryRun: true as const,
    provider: kit.provider,
    instanceId,
    action,
    wouldSend,
    message,
    before,
  };
  out.json ? printJson(out, printed) : printLines(out, [message, ...describedLines(before)]);
  return EXIT.ok;
}

/** The flags both jobs take: what to do with a running instance, and the whole job's deadline. */
function jobFlags(command: Command): Command {
  return command
    .option(
      '--when-running <what>',
      'refuse | stop | stopAndRestart (default stopAndRestart)',
      whenRunning,
      'stopAndRestart',
    )
    .option(
      '--job-timeout-ms <n>',
      "the whole job's deadline",
      integerFlag('--job-timeout-ms', 1, 2 ** 31 - 1),
    );
}

function dryRun(
  out: Out,
  result: {
    provider: string;
    action: string;
    quote: { currency: string; lines: unknown[] } | null;
    availability?: string;
  },
): number {
  const printed = { ...result, quote: result.quote ? withoutRaw(result.quote) : null };
  out.json
    ? printJson(out, printed)
    : printLines(out, [
        `dry run: ${result.action} would be sent${result.availability ? `; target ${result.availability}` : ''}`,
        result.quote
          ? `price: ${JSON.stringify(withoutRaw(result.quote).lines)} ${result.quote.currency}`
          : 'price: not priced',
      ]);
  return EXIT.ok;
}
