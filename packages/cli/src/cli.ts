// `instancekit`: the single-instance commands and the fleet commands over the facade. Arguments are parsed by
// commander (declared options, generated help, unknown options refused); every command prints lines or, with
// --json, one JSON document of a documented schema (`instancekit schema <name>`), and exits 0 done, 1 failed,
// 2 usage (nothing sent), 3 a fleet run with failures.
import { Command, CommanderError, Option } from 'commander';
import { FLEET_PROVIDERS } from 'instancekit/fleet-node';
import { fleetCommands } from './commands/fleet.js';
import { instanceCommands } from './commands/instance.js';
import { EXIT } from './exit-codes.js';
import { type GlobalFlags, integerFlag } from './kit.js';
import { type Out, printJson, reportError } from './output.js';
import { SCHEMAS, schemaDocument } from './schemas.js';
import { UsageError } from './secrets.js';

const VERSION = '0.1.0';

export async function main(argv: readonly string[]): Promise<number> {
  const out: Out = { json: argv.includes('--json'), stdout: process.stdout, stderr: process.stderr };
  let code: number = EXIT.ok;
  const run = async (_o: Out, flags: GlobalFlags, action: () => Promise<number>) => {
    out.json = flags.json === true;
    try {
      code = await action();
    } catch (error) {
      code = reportError(out, error);
    }
  };
  const program = new Command('instancekit')
    .description(
      'Resize, price and reinstall instances on Tencent Cloud CVM, Zenlayer ZEC and JD Cloud VM; run fleet plans.',
    )
    .version(VERSION)
    .addOption(new Option('--provider <name>', 'the provider').choices([...FLEET_PROVIDERS]))
    .option('--region <region>', 'the region (Tencent, JD Cloud)')
    .option('--endpoint <url>', "the provider API's base URL (a mock, a private gateway)")
    .option('--billing-endpoint <url>', "JD Cloud: the billing API's base URL")
    .option('--profile <name>', 'the profile of the credential files (Tencent)')
    .option(
      '--timeout-ms <n>',
      'per-attempt timeout of each call',
      integerFlag('--timeout-ms', 1, 2 ** 31 - 1),
    )
    .option('--json', 'print one JSON document (see `instancekit schema <command>`)')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });
  program.enablePositionalOptions(false);

  instanceCommands(program, out, run);
  fleetCommands(program, out, run);
  program
    .command('schema <name>')
    .description(
      `the JSON Schema of a command's --json output, of an error, or of a fleet plan: ${Object.keys(SCHEMAS).join(', ')}`,
    )
    .action((name: string) => {
      if (!Object.hasOwn(SCHEMAS, name))
        throw new UsageError(`no schema ${name}; one of ${Object.keys(SCHEMAS).join(', ')}`);
      printJson(out, schemaDocument(name));
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError)
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
        ? EXIT.ok
        : EXIT.usage;
    return reportError(out, error);
  }
  return code;
}
