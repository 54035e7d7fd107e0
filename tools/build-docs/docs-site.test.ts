import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { describeSpec, REPO_ROOT, readApis } from './build';

// The built site (npm run build / npm run docs) opened in real headless Chromium from file://.

const CHROMIUM = '/usr/bin/chromium';
const INSTALL = 'apt-get install -y chromium';
const SITE = join(REPO_ROOT, 'docs/site');
const hasChromium = existsSync(CHROMIUM);
// Under CI the tests run (and fail) without Chromium; locally they are skipped with the reason in their name.
const skip = !hasChromium && process.env.CI !== 'true';
const skipReason = skip ? ` [skipped: no Chromium at ${CHROMIUM}; install it with \`${INSTALL}\`]` : '';

/** The APIs whose spec exists: each must have a page. */
const apis = readApis().filter((api) => existsSync(api.root));

function requireSite(file: string): string {
  if (!existsSync(join(SITE, 'index.html'))) {
    throw new Error('docs/site is missing: run `npm run build` (or `npm run docs`) first');
  }
  if (!existsSync(file))
    throw new Error(`${file} is missing: run \`npm run build\` (or \`npm run docs\`) again`);
  return file;
}

/**
 * An HTTP proxy that refuses everything. Chromium is pointed at it (loopback included) so that nothing leaves
 * the machine during the test. What reaches it is kept for diagnostics only: besides the page, the browser
 * itself calls Google services (GCM check-in, accounts ListAccounts, www.google.com) even with
 * --disable-background-networking; those are not the page's requests. The page's own requests, including its
 * workers', are recorded from Chromium's request events and asserted on.
 */
async function startRecordingProxy(): Promise<{ server: Server; port: number; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(502).end();
  });
  server.on('connect', (req, socket) => {
    seen.push(`CONNECT ${req.url}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, seen };
}

interface Session {
  browser: Browser;
  page: Page;
  /** Every request the page made (URL), in order. */
  requests: string[];
  /** Requests that reached the refusing proxy (browser background traffic included; diagnostics only). */
  proxied: string[];
  close(): Promise<void>;
}

async function openChromium(): Promise<Session> {
  if (!hasChromium) throw new Error(`Chromium not found at ${CHROMIUM}: install it with \`${INSTALL}\``);
  const proxy = await startRecordingProxy();
  const profile = mkdtempSync(join(tmpdir(), 'instancekit-docs-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
      `--proxy-server=http://127.0.0.1:${proxy.port}`,
      '--proxy-bypass-list=<-loopback>',
    ],
  });
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  const requests: string[] = [];
  page.on('request', (request) => {
    requests.push(request.url());
  });
  return {
    browser,
    page,
    requests,
    proxied: proxy.seen,
    async close() {
      await browser.close();
      await new Promise((resolve) => proxy.server.close(resolve));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Requests to anything but the page's own file, inline data and blobs. */
function external(requests: string[]): string[] {
  return requests.filter((url) => !/^(file|data|blob):/.test(url));
}

/** The sidebar's links to operations (`/<tag>/<operation>`), opening each tag in turn. */
async function operationLinks(page: Page, url: string): Promise<string[]> {
  // Server-rendered links are `/<tag>`; once hydrated on file://, Redoc routes by hash: `#/<tag>/<operation>`.
  const menuLinks = async () =>
    (
      await page.$$eval('[data-component-name="Menu/Menu"] a[href]', (links) =>
        links.map((a) => a.getAttribute('href') ?? ''),
      )
    ).map((href) => href.replace(/^#/, ''));
  const tags = [...new Set(await menuLinks())].filter((href) => /^\/[^/]+$/.test(href));
  const found = new Set<string>();
  for (const tag of tags) {
    await page.goto(`${url}#${tag}`, { waitUntil: 'load' });
    // The tag expands in the sidebar once Redoc has hydrated and routed.
    await page
      .waitForFunction(
        (t) => document.querySelector(`[data-component-name="Menu/Menu"] a[href^="#${t}/"]`),
        { timeout: 30_000 },
        tag,
      )
      .catch(() => undefined);
    for (const href of await menuLinks())
      if (/^\/[^/#]+\/[^/#]+$/.test(href) && href.startsWith(`${tag}/`)) found.add(href);
  }
  return [...found];
}

describe('docs site (docs/site, built by npm run build)', () => {
  it('has an index that links every API page and the guides', () => {
    const index = readFileSync(requireSite(join(SITE, 'index.html')), 'utf8');
    for (const api of apis) {
      const { title, version, operationIds } = describeSpec(api.root);
      expect(index, `index links ${api.name}`).toContain(`href="${api.name}.html"`);
      expect(index).toContain(`<code>${version}</code>`);
      expect(index).toContain(`<td class="num">${operationIds.length}</td>`);
      expect(index).toContain(title.replace(/&/g, '&amp;'));
    }
    expect(index).toContain('href="guides/spec-conventions.html"');
    expect(index).not.toMatch(/(src|href)="https?:/);
  });

  it.skipIf(skip)(
    `the request recorder sees a page's request outside file:// (control)${skipReason}`,
    async () => {
      const session = await openChromium();
      try {
        // The same logo Redoc 3 loads unless build-docs rewrites it, from an <img> and from a worker.
        const html =
          '<img src="https://cdn.redoc.ly/redoc/logo-mini-full.svg"><script>new Worker(URL.createObjectURL(new Blob(' +
          '["fetch(\'http://worker.example.invalid/\').catch(()=>{})"], {type: "text/javascript"})))</script>';
        await session.page.goto(`data:text/html,${encodeURIComponent(html)}`, { waitUntil: 'load' });
        await session.page.waitForFunction(() => performance.now() > 500);
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(external(session.requests)).toEqual(
          expect.arrayContaining([
            'https://cdn.redoc.ly/redoc/logo-mini-full.svg',
            'http://worker.example.invalid/',
          ]),
        );
      } finally {
        await session.close();
      }
    },
  );

  it.skipIf(skip)(`index and guides load from file:// without any other request${skipReason}`, async () => {
    const session = await openChromium();
    try {
      for (const file of [join(SITE, 'index.html'), join(SITE, 'guides/spec-conventions.html')]) {
        await session.page.goto(pathToFileURL(requireSite(file)).href, { waitUntil: 'load' });
        expect(await session.page.$eval('h1', (h) => h.textContent)).toBeTruthy();
      }
      expect(external(session.requests)).toEqual([]);
    } finally {
      await session.close();
    }
  });

  for (const api of apis) {
    it.skipIf(skip)(
      `${api.name}: Redoc renders every operation, and the page requests nothing outside file://${skipReason}`,
      async () => {
        const file = requireSite(join(SITE, `${api.name}.html`));
        const spec = parse(readFileSync(api.root, 'utf8')) as {
          paths: Record<string, Record<string, { operationId?: string; summary?: string }>>;
        };
        const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
          Object.entries(item)
            .filter(([, op]) => typeof op === 'object' && op !== null && 'operationId' in op)
            .map(([method, op]) => ({
              path,
              method,
              operationId: op.operationId!,
              summary: op.summary ?? '',
            })),
        );
        expect(operations.length, `${api.root} has operations`).toBeGreaterThan(0);

        const session = await openChromium();
        try {
          const { page } = session;
          const url = pathToFileURL(file).href;
          await page.goto(url, { waitUntil: 'load' });
          await page.waitForSelector('[data-component-name="Menu/Menu"]', { timeout: 15_000 });
          expect(await page.title()).not.toBe('');

          const links = await operationLinks(page, url);
          for (const op of operations) {
            // Redoc 3 has no visible operationId; its anchor is `<tag>/<operationId lower-cased>`.
            const link = links.find((href) => href.split('/').pop() === op.operationId.toLowerCase());
            expect(link, `sidebar entry for ${op.operationId} (links: ${links.join(', ')})`).toBeDefined();
            const id = link!.slice(1);
            await page.goto(`${url}#${link}`, { waitUntil: 'load' });
            await page.waitForFunction((i) => document.getElementById(i), { timeout: 15_000 }, id);
            const section = (await page.$(`[id="${id}"]`))!;
            await section.scrollIntoView();
            expect(await section.isVisible(), `${op.operationId} is visible`).toBe(true);
            // innerText on purpose: the text as rendered (visible), not every text node.
            // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is checked
            const text = await section.evaluate((el) => (el as HTMLElement).innerText);
            expect(text, `${op.operationId} shows its summary`).toContain(op.summary.trim());
            // The path key (with the action fragment or JD's colon verb) is shown next to the method.
            expect(text, `${op.operationId} shows its path`).toContain(op.path);
            expect(text).toContain(op.method.toUpperCase());
          }

          expect(external(session.requests), 'requests outside file://').toEqual([]);
          expect(session.requests[0]).toBe(url);
        } finally {
          await session.close();
        }
      },
      180_000,
    );
  }
});
