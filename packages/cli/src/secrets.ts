// Secrets come from stdin or a file, never from argv: an argument shows in `ps` and in shell history. What is read
// is kept in memory only; the facade scrubs it from every error and log event, the fleet journal never holds it.
import { readFileSync } from 'node:fs';

/** The whole of stdin, without its final newline (as `echo secret |` sends it). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function readSecretFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw new UsageError(
      `cannot read the ${what} file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}

export interface SecretFlags {
  passwordStdin?: boolean;
  passwordFile?: string;
  userDataFile?: string;
}

/** The reinstall secrets the flags point at (user data base64-encoded, as the providers take it). */
export async function reinstallSecrets(
  flags: SecretFlags,
): Promise<{ password?: string; userData?: string }> {
  if (flags.passwordStdin && flags.passwordFile)
    throw new UsageError('give --password-stdin or --password-file, not both');
  const password = flags.passwordStdin
    ? await readStdin()
    : flags.passwordFile !== undefined
      ? readSecretFile(flags.passwordFile, 'password')
      : undefined;
  if (password === '') throw new UsageError('the password is empty');
  const userData = flags.userDataFile !== undefined ? readUserData(flags.userDataFile) : undefined;
  return { ...(password !== undefined ? { password } : {}), ...(userData !== undefined ? { userData } : {}) };
}

/** User data as the providers take it: the file's bytes, base64-encoded. */
function readUserData(path: string): string {
  try {
    return readFileSync(path).toString('base64');
  } catch (error) {
    throw new UsageError(
      `cannot read the user data file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}

/** A usage error: exit code 2, nothing was sent. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
