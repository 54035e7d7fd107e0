/**
 * Reads an environment variable where the runtime has one (Node, Bun, Deno's process shim). A runtime may refuse
 * the read — Deno without `--allow-env` throws its own `NotCapable` — and `refused` turns that into the caller's
 * typed error, so a missing permission is a `CredentialsError` naming the variable, not a runtime exception.
 * Only called when no explicit credentials were passed: explicit keys never touch the environment.
 */
export function readEnv(name: string, refused: (message: string) => never): string | undefined {
  let value: string | undefined;
  try {
    value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
  } catch {
    refused(`${name} is not readable: pass credentials, or allow it (Deno: --allow-env=${name})`);
  }
  return value === undefined || value === '' ? undefined : value;
}
