/**
 * The two environments every runtime runs the smoke in: one without any of the providers' credential variables,
 * and one where each holds garbage that the resolver would refuse (a space and a line break) or that names a
 * profile and a file that do not exist. Explicit keys must win in both without reading them; only the smoke's
 * no-credentials step reads them, and the garbage then must come back as a CredentialsError.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT, specRoots } from '../spec-manifest.js';

export const GARBAGE = 'garbage from the environment\n';

interface CredentialSources {
  profileEnv?: string[];
  files?: Array<{ pathEnv?: string }>;
}

/**
 * Every variable a provider's credentials may come from, as the specs declare them: each credential field's
 * `env`, and the profile and file-path variables of `credentialSources`.
 */
export function credentialVariables(repoRoot = REPO_ROOT): string[] {
  const names = new Set<string>();
  for (const root of specRoots(repoRoot)) {
    for (const credential of root.credentials) names.add(credential.env);
    const doc = parse(readFileSync(join(repoRoot, root.file), 'utf8')) as {
      'x-instancekit'?: { credentialSources?: CredentialSources };
    };
    const sources = doc['x-instancekit']?.credentialSources;
    for (const name of sources?.profileEnv ?? []) names.add(name);
    for (const file of sources?.files ?? []) if (file.pathEnv) names.add(file.pathEnv);
  }
  return [...names].sort();
}

export interface SmokeEnvironment {
  readonly name: string;
  readonly env: Record<string, string>;
}

export function smokeEnvironments(
  base: Record<string, string | undefined> = process.env,
  variables = credentialVariables(),
): SmokeEnvironment[] {
  // NODE_OPTIONS belongs to the process that runs the matrix (a test runner's loader), not to the runtimes.
  const clean = Object.fromEntries(
    Object.entries(base).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && entry[0] !== 'NODE_OPTIONS' && !variables.includes(entry[0]),
    ),
  );
  const plain = { ...clean, NO_COLOR: '1' };
  return [
    { name: 'no credential variables', env: plain },
    {
      name: 'garbage credential variables',
      env: { ...plain, ...Object.fromEntries(variables.map((name) => [name, GARBAGE])) },
    },
  ];
}
