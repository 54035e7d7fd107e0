// The credential chain of a Tencent client, end to end: profile files in a temporary HOME, a local node:http server
// standing in for the CVM metadata service (and for the API, to see what each call was signed with), and a clock
// the test moves. Every failure is a CredentialsError naming its source, with no secret in it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { CredentialsError } from '@instancekit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTencentCvmClient } from '../src/index.js';
import { createTencentCvmLegacyClient } from '../src/legacy.js';

const FILE_KEY = 'file-SECRET-key-7f6e5d4c';
const ROLE_KEY = 'role-SECRET-key-0a1b2c3d';
const ROLE_TOKEN = 'role-SESSION-token-9z8y7x6w';
const OK = { Response: { RequestId: 'req-1', InstanceStatusSet: [], TotalCount: 0 } };

interface Stand {
  url: string;
  /** Requests to the metadata paths, in order. */
  metadata: string[];
  /** Authorization and X-TC-Token of each API request. */
  api: Array<{ authorization: string; token: string | undefined; url: string }>;
  /** What the role's credentials answer is; a number is an HTTP status. */
  role: { id: string; key: string; token: string; expires: number } | number;
  /** Delays the credentials answer until released. */
  hold?: Promise<void>;
  close(): Promise<void>;
}

let stand: Stand;
let home: string;

async function start(): Promise<Stand> {
  const state = { metadata: [], api: [], role: 500 } as unknown as Stand;
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    req.resume();
    const path = req.url ?? '/';
    if (path.startsWith('/meta/')) {
      state.metadata.push(path);
      if (path === '/meta/') return res.end('cvm-fleet-role\n');
      await state.hold;
      const role = state.role;
      if (typeof role === 'number') return res.writeHead(role).end('{"Code":"Failed"}');
      const body = {
        TmpSecretId: role.id,
        TmpSecretKey: role.key,
        Token: role.token,
        ExpiredTime: role.expires,
        Expiration: new Date(role.expires * 1000).toISOString(),
        Code: 'Success',
      };
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    }
    const token =
      (req.headers['x-tc-token'] as string | undefined) ??
      new URL(path, 'http://x').searchParams.get('Token') ??
      undefined;
    state.api.push({ authorization: String(req.headers.authorization ?? ''), token, url: path });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(OK));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

beforeEach(async () => {
  stand = await start();
  home = mkdtempSync(join(tmpdir(), 'instancekit-home-'));
  for (const name of [
    'TENCENTCLOUD_SECRET_ID',
    'TENCENTCLOUD_SECRET_KEY',
    'TENCENTCLOUD_SESSION_TOKEN',
    'TCCLI_PROFILE',
  ])
    vi.stubEnv(name, '');
  vi.stubEnv('TENCENTCLOUD_CREDENTIALS_FILE', '');
  vi.stubEnv('HOME', home);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await stand.close();
});

const write = (relative: string, text: string) => {
  mkdirSync(join(home, relative, '..'), { recursive: true });
  writeFileSync(join(home, relative), text);
};
const read = (client: ReturnType<typeof createTencentCvmClient>) =>
  client.DescribeInstancesStatus({ InstanceIds: ['ins-r8hr2upy'] });
/** The error a thunk throws or a promise rejects with. */
async function caught(run: () => unknown): Promise<CredentialsError> {
  try {
    await run();
  } catch (error) {
    return error as CredentialsError;
  }
  throw new Error('expected a CredentialsError');
}
/** Nothing secret in the error's message, stack or inspect output. */
function noSecrets(error: unknown, ...secrets: string[]) {
  expect(error).toBeInstanceOf(CredentialsError);
  const text = `${(error as Error).message}\n${(error as Error).stack}\n${inspect(error, { depth: 5 })}`;
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('profile files', () => {
  it('~/.tencentcloud/credentials: the section the profile option names, token included', async () => {
    write(
      '.tencentcloud/credentials',
      `[default]\nsecret_id = AKIDdefault0001\nsecret_key = other-key\n\n# work\n[work]\nsecret_id = AKIDwork0002\nsecret_key = ${FILE_KEY}\ntoken = file-token-0003\n`,
    );
    const client = createTencentCvmClient({ region: 'ap-guangzhou', endpoint: stand.url, profile: 'work' });
    await read(client);
    expect(stand.api[0]!.authorization).toContain('Credential=AKIDwork0002/');
    expect(stand.api[0]!.token).toBe('file-token-0003');
    expect(inspect(client)).not.toContain(FILE_KEY);
    expect(stand.metadata).toEqual([]);
  });

  it("tccli's ~/.tccli/<profile>.credential, the profile from TCCLI_PROFILE (legacy road too)", async () => {
    write('.tccli/ops.credential', JSON.stringify({ secretId: 'AKIDtccli0004', secretKey: FILE_KEY }));
    vi.stubEnv('TCCLI_PROFILE', 'ops');
    await read(createTencentCvmClient({ region: 'ap-guangzhou', endpoint: stand.url }));
    await read(createTencentCvmLegacyClient({ region: 'ap-guangzhou', endpoint: stand.url }));
    expect(stand.api[0]!.authorization).toContain('Credential=AKIDtccli0004/');
    expect(stand.api[1]!.url).toContain('SecretId=AKIDtccli0004');
  });

  it('a profile that is in no file is an error naming the profile and the files read', async () => {
    write('.tencentcloud/credentials', `[default]\nsecret_id = AKIDdefault0001\nsecret_key = ${FILE_KEY}\n`);
    const error = await caught(() => createTencentCvmClient({ region: 'ap-guangzhou', profile: 'nope' }));
    noSecrets(error, FILE_KEY);
    expect(error.message).toMatch(
      /profile nope.*no such profile in .*\.tencentcloud\/credentials.*\.tccli\/nope\.credential/,
    );
  });

  it('a malformed file is an error naming the file and the line, never its content', async () => {
    write('.tencentcloud/credentials', `[default]\nsecret_id = AKIDdefault0001\n${FILE_KEY}\n`);
    const error = await caught(() => createTencentCvmClient({ region: 'ap-guangzhou' }));
    noSecrets(error, FILE_KEY);
    expect(error.message).toMatch(/\.tencentcloud\/credentials\): line 3 is neither/);
    write('.tencentcloud/credentials', '');
    write('.tccli/default.credential', `{"secretId": "AKIDtccli0004", "secretKey": "${FILE_KEY}"`);
    const json = await caught(() => createTencentCvmClient({ region: 'ap-guangzhou' }));
    noSecrets(json, FILE_KEY);
    expect(json.message).toMatch(/default\.credential\): is not JSON/);
  });

  it('a section without a key names the key and the field', async () => {
    write('.tencentcloud/credentials', `[default]\nsecret_id = AKIDdefault0001\n`);
    const error = await caught(() => createTencentCvmClient({ region: 'ap-guangzhou' }));
    expect(error.message).toMatch(/\[default\]\): secret_key is missing/);
    expect(error.field).toBe('secretKey');
  });

  it('explicit keys are the whole answer: no variable, file or metadata service is read', async () => {
    write('.tencentcloud/credentials', 'garbage that would fail');
    vi.stubEnv('TENCENTCLOUD_SECRET_ID', 'AKIDenv0005');
    const client = createTencentCvmClient({
      region: 'ap-guangzhou',
      endpoint: stand.url,
      metadataEndpoint: `${stand.url}/meta/`,
      credentials: { secretId: 'AKIDexplicit0006', secretKey: 'explicit-key-0007' },
    });
    await read(client);
    expect(stand.api[0]!.authorization).toContain('Credential=AKIDexplicit0006/');
    expect(stand.metadata).toEqual([]);
  });
});

describe('the CVM role metadata service', () => {
  /** A client with no other source, over the stand-in service and a clock the test sets. */
  const roleClient = (clock: { now: number }) =>
    createTencentCvmClient({
      region: 'ap-guangzhou',
      endpoint: stand.url,
      metadataEndpoint: `${stand.url}/meta/`,
      now: () => clock.now,
      retry: false,
    });
  const T0 = 1_700_000_000_000;

  it('finds the attached role, signs with its keys and sends its token', async () => {
    stand.role = { id: 'AKIDrole0008', key: ROLE_KEY, token: ROLE_TOKEN, expires: T0 / 1000 + 7200 };
    await read(roleClient({ now: T0 }));
    expect(stand.metadata).toEqual(['/meta/', '/meta/cvm-fleet-role']);
    expect(stand.api[0]!.authorization).toContain('Credential=AKIDrole0008/');
    expect(stand.api[0]!.token).toBe(ROLE_TOKEN);
  });

  it('rotation mid-run: refreshed before the expiry (with the margin), then the new keys sign', async () => {
    const clock = { now: T0 };
    stand.role = { id: 'AKIDrole0008', key: ROLE_KEY, token: ROLE_TOKEN, expires: T0 / 1000 + 3600 };
    const client = roleClient(clock);
    await read(client);
    clock.now = T0 + 3600_000 - 6 * 60_000; // 6 minutes before the expiry: still fresh
    await read(client);
    expect(stand.metadata.filter((path) => path !== '/meta/')).toHaveLength(1);
    stand.role = {
      id: 'AKIDrole0009',
      key: 'rotated-key-0010',
      token: 'rotated-token-0011',
      expires: T0 / 1000 + 7200,
    };
    clock.now = T0 + 3600_000 - 4 * 60_000; // within the 5-minute margin: refreshed first
    await read(client);
    expect(stand.metadata.filter((path) => path !== '/meta/')).toHaveLength(2);
    expect(stand.api.map((call) => call.authorization.match(/Credential=(\w+)\//)?.[1])).toEqual([
      'AKIDrole0008',
      'AKIDrole0008',
      'AKIDrole0009',
    ]);
    expect(stand.api[2]!.token).toBe('rotated-token-0011');
  });

  it('concurrent calls during a refresh wait for one fetch of the credentials', async () => {
    let release!: () => void;
    stand.hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    stand.role = { id: 'AKIDrole0008', key: ROLE_KEY, token: ROLE_TOKEN, expires: T0 / 1000 + 7200 };
    const client = roleClient({ now: T0 });
    const calls = Array.from({ length: 6 }, () => read(client));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stand.api).toHaveLength(0); // nobody signed before the credentials came
    release();
    await Promise.all(calls);
    expect(stand.metadata).toEqual(['/meta/', '/meta/cvm-fleet-role']);
    expect(stand.api).toHaveLength(6);
  });

  it('a refresh that fails after the expiry is a CredentialsError naming the source; nothing is sent', async () => {
    const clock = { now: T0 };
    stand.role = { id: 'AKIDrole0008', key: ROLE_KEY, token: ROLE_TOKEN, expires: T0 / 1000 + 3600 };
    const client = roleClient(clock);
    await read(client);
    stand.role = 503;
    clock.now = T0 + 3600_000 - 60_000; // in the margin, not yet expired: the old keys still serve
    await read(client);
    clock.now = T0 + 3601_000; // expired, and the service fails
    const error = await caught(() => read(client));
    noSecrets(error, ROLE_KEY, ROLE_TOKEN);
    expect(error.message).toMatch(/\(instance-role metadata\): .*answered HTTP 503/);
    expect(stand.api).toHaveLength(2);
  });

  it('no service (nothing listens) is a CredentialsError at the first call naming every source tried', async () => {
    const client = createTencentCvmClient({
      region: 'ap-guangzhou',
      endpoint: stand.url,
      metadataEndpoint: 'http://127.0.0.1:9/meta/',
    });
    const error = await caught(() => read(client));
    expect(error.message).toMatch(
      /instance-role metadata.*did not answer.*TENCENTCLOUD_SECRET_ID.*\.tencentcloud\/credentials/,
    );
    expect(stand.api).toHaveLength(0);
  });

  it('a named role skips the role list; instanceRole false never asks the service', async () => {
    stand.role = { id: 'AKIDrole0008', key: ROLE_KEY, token: ROLE_TOKEN, expires: T0 / 1000 + 7200 };
    const base = {
      region: 'ap-guangzhou',
      endpoint: stand.url,
      metadataEndpoint: `${stand.url}/meta/`,
      now: () => T0,
    };
    await read(createTencentCvmClient({ ...base, instanceRole: 'cvm-fleet-role' }));
    expect(stand.metadata).toEqual(['/meta/cvm-fleet-role']);
    expect(() => createTencentCvmClient({ ...base, instanceRole: false })).toThrow(CredentialsError);
    expect(stand.metadata).toHaveLength(1);
  });

  it('unknown options stay refused; a metadata endpoint must be a plain http(s) URL', () => {
    expect(() => createTencentCvmClient({ region: 'ap-guangzhou', profle: 'x' } as never)).toThrow(/profle/);
    expect(() =>
      createTencentCvmClient({ region: 'ap-guangzhou', metadataEndpoint: 'http://u:p@169.254.0.23/' }),
    ).toThrow(/metadataEndpoint must not carry a user name/);
  });
});
