import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Landing, landOn, openPageFacts, parsedPageFacts, proseText } from './browser-facts';
import { describeSpec, REPO_ROOT, readApis } from './build';
import { readMarks } from './provenance';
import { brokenLinks, fragmentElementId, leakedMarkup, linkTarget, type PageFacts } from './site-check';
import { locationKey, placesOfSpecs } from './spec-places';

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
    // Every docs/*.md is a guide page: a new guide needs no registration.
    const guides = readdirSync(join(REPO_ROOT, 'docs')).filter((name) => name.endsWith('.md'));
    expect(guides.length).toBeGreaterThan(5);
    for (const guide of guides) expect(index).toContain(`href="guides/${guide.replace(/\.md$/, '.html')}"`);
    // The TypeScript API reference and each entry point's module page.
    expect(index).toContain('href="api/index.html"');
    const modules = [...index.matchAll(/href="(api\/modules\/[^"]+)"/g)].map((match) => match[1]!);
    expect(modules.length).toBeGreaterThanOrEqual(10);
    for (const module of modules) expect(existsSync(join(SITE, module)), module).toBe(true);
    expect(index).toContain('<code>@instancekit/tencent-cvm/legacy</code>');
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

/** Every `.html` file under a folder, as site paths (`api/classes/x.html`). */
function htmlFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path, base);
    return entry.name.endsWith('.html') ? [relative(base, path).split('\\').join('/')] : [];
  });
}

const sitePath = (path: string) => join(SITE, path);
const guidePages = () => htmlFiles(join(SITE, 'guides')).map((path) => `guides/${path}`);
const redocPages = new Set(apis.map((api) => `${api.name}.html`));

/** Facts of the pages a reader opens (index, guides): loaded in Chromium, links as the DOM has them. */
function loadedFacts(page: Page, paths: string[]): Promise<Array<PageFacts & { prose: string }>> {
  for (const path of paths) requireSite(sitePath(path));
  return loadedFactsFrom(page, SITE, paths);
}

describe('site checks in Chromium: leaked markup, broken links, provenance badges', () => {
  let session: Session | undefined;
  beforeAll(async () => {
    if (!skip) session = await openChromium();
  }, 60_000);
  afterAll(async () => {
    await session?.close();
  });

  it.skipIf(skip)(
    `fail on a page with leaked markup and broken links (control)${skipReason}`,
    async () => {
      // What the hand-written renderer did to the generated pages: the comment escaped into visible text.
      const dir = mkdtempSync(join(tmpdir(), 'instancekit-docs-leak-'));
      try {
        writeFileSync(
          join(dir, 'leaky.html'),
          '<h1 id="top">Errors</h1><p>&lt;!-- Generated by tools/generate. Do not edit. --&gt;</p>' +
            '<p>a **bold** word, [a link](errors.md), Tom &amp;amp; Jerry</p><pre><code>```ts</code></pre>' +
            '<p><code>**ok in code**</code> <a href="#top">top</a> <a href="#gone">gone</a> ' +
            '<a href="missing.html">missing</a> <a href="ok.html#nowhere">anchor</a></p>',
        );
        writeFileSync(join(dir, 'ok.html'), '<h1 id="here">Fine</h1><p>Plain text, 1 &lt; 2 &amp; 3.</p>');
        const [leaky, ok] = await loadedFactsFrom(session!.page, dir, ['leaky.html', 'ok.html']);
        const leaks = leakedMarkup('leaky.html', leaky!.prose).join('\n');
        for (const what of ['`<!--`', '`-->`', '`**`', '`](`', 'entity']) expect(leaks).toContain(what);
        expect(leaks, 'code is not prose').not.toContain('ok in code');
        expect(leaks, 'the fence was inside code').not.toContain('fence');
        expect(leakedMarkup('ok.html', ok!.prose)).toEqual([]);
        expect(brokenLinks([leaky!, ok!], () => false)).toEqual([
          'leaky.html: #gone — no element #gone in leaky.html',
          'leaky.html: missing.html — missing.html does not exist',
          'leaky.html: ok.html#nowhere — no element #nowhere in ok.html',
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );

  it.skipIf(skip)(`no guide page shows leaked markup${skipReason}`, async () => {
    const guides = guidePages();
    expect(guides).toContain('guides/provenance.html');
    const facts = await loadedFacts(session!.page, guides);
    expect(facts.flatMap((page) => leakedMarkup(page.path, page.prose))).toEqual([]);
    // The guides' code blocks are highlighted.
    await session!.page.goto(pathToFileURL(sitePath('guides/facade-guide.html')).href);
    expect(
      await session!.page.$$eval('pre code.hljs span[class^="hljs-"]', (spans) => spans.length),
    ).toBeGreaterThan(10);
  });

  it.skipIf(skip)(
    `every link between the site's pages lands: index, guides, TypeScript API reference, Redoc anchors${skipReason}`,
    async () => {
      const { page } = session!;
      const opened = await loadedFacts(page, ['index.html', ...guidePages()]);
      const apiFiles = htmlFiles(join(SITE, 'api')).map((path) => `api/${path}`);
      expect(apiFiles.length, 'TypeDoc pages').toBeGreaterThan(50);
      expect(opened[0]!.hrefs).toContain('api/index.html');
      const typedoc: PageFacts[] = [];
      for (let i = 0; i < apiFiles.length; i += 25) {
        const batch = apiFiles
          .slice(i, i + 25)
          .map((path) => ({ path, html: readFileSync(sitePath(path), 'utf8') }));
        typedoc.push(...(await parsedPageFacts(page, batch)));
      }
      const facts: PageFacts[] = [...opened, ...typedoc];
      // Redoc pages have their ids only once routed: land on every fragment the other pages link.
      const wanted = new Map<string, Set<string>>();
      for (const from of facts)
        for (const href of from.hrefs) {
          const target = linkTarget(from.path, href);
          if (target && redocPages.has(target.path))
            wanted.set(target.path, (wanted.get(target.path) ?? new Set()).add(target.fragment));
        }
      expect(
        wanted.get('zenlayer-zec.html')?.size,
        'the provenance page links into the Redoc pages',
      ).toBeGreaterThan(5);
      for (const [path, fragments] of wanted) {
        const landings = await landAll(page, path, [...fragments]);
        const ids = [...landings]
          .filter(([, landing]) => landing.found)
          .map(([fragment]) => fragmentElementId(fragment));
        facts.push({ path, ids: new Set(ids), hrefs: [] });
      }
      expect(brokenLinks(facts, (path) => existsSync(sitePath(path)))).toEqual([]);
    },
    900_000,
  );

  it.skipIf(skip)(
    `every x-provenance mark shows as a badge, with its note, where the provenance page links it${skipReason}`,
    async () => {
      const marks = readMarks(REPO_ROOT);
      const { places } = placesOfSpecs(
        REPO_ROOT,
        apis.map((api) => ({ api: api.name, file: relative(REPO_ROOT, api.root).split('\\').join('/') })),
      );
      expect(marks.length).toBeGreaterThan(60);
      const byPage = new Map<string, Array<{ mark: (typeof marks)[number]; fragment: string }>>();
      for (const mark of marks) {
        const place = places.get(locationKey(mark))?.[0];
        expect(place, `${mark.file} ${mark.path.join('.')} has a place`).toBeDefined();
        const path = `${place!.api}.html`;
        byPage.set(path, [...(byPage.get(path) ?? []), { mark, fragment: place!.hash }]);
      }
      const missing: string[] = [];
      for (const [path, wanted] of byPage) {
        const landings = await landAll(session!.page, path, [...new Set(wanted.map((w) => w.fragment))]);
        for (const { mark, fragment } of wanted) {
          const landing = landings.get(fragment)!;
          // The note as rendered: Markdown's code spans and emphasis are text now.
          const plain = (text: string) => text.replace(/[`*_]/g, '').replace(/\s+/g, ' ');
          const note = mark.note === undefined ? undefined : plain(mark.note).slice(0, 60);
          const shown = landing.badges.some(
            (badge) => badge.provenance === mark.provenance && (!note || plain(badge.text).includes(note)),
          );
          if (!shown)
            missing.push(
              `${mark.file} ${mark.path.join('.')} (${mark.provenance}) at ${path}#${fragment}: ` +
                (landing.found
                  ? `badges there: ${JSON.stringify(landing.badges.map((b) => b.provenance))}`
                  : 'no element'),
            );
        }
      }
      expect(missing).toEqual([]);
      // The provenance page links each listed mark (its rows carry a `shown in` link).
      await session!.page.goto(pathToFileURL(sitePath('guides/provenance.html')).href);
      const rows = await session!.page.$$eval('tbody tr', (trs) =>
        trs.map((tr) => ({
          where: tr.cells[0]?.textContent ?? '',
          links: tr.cells[0]?.querySelectorAll('a').length ?? 0,
        })),
      );
      expect(rows.length).toBeGreaterThan(60);
      expect(rows.filter((row) => row.links === 0).map((row) => row.where)).toEqual([]);
    },
    900_000,
  );
});

async function loadedFactsFrom(
  page: Page,
  dir: string,
  paths: string[],
): Promise<Array<PageFacts & { prose: string }>> {
  const facts: Array<PageFacts & { prose: string }> = [];
  for (const path of paths) {
    await page.goto(pathToFileURL(join(dir, path)).href, { waitUntil: 'load' });
    facts.push({ ...(await openPageFacts(page, path)), prose: await proseText(page) });
  }
  return facts;
}

/**
 * Where each Redoc fragment landed, kept across the tests of this file: the link check and the provenance
 * check route to mostly the same anchors, and each landing costs a route on a 2.5 MB page.
 */
const landed = new Map<string, Landing>();

/** Loads one Redoc page (when some fragment is new) and lands on each fragment in turn. */
async function landAll(page: Page, path: string, fragments: string[]): Promise<Map<string, Landing>> {
  const fresh = fragments.filter((fragment) => !landed.has(`${path}#${fragment}`));
  if (fresh.length) {
    await page.goto(pathToFileURL(requireSite(sitePath(path))).href, { waitUntil: 'load' });
    await page.waitForSelector('[data-component-name="Menu/Menu"]', { timeout: 30_000 });
    for (const fragment of fresh)
      landed.set(`${path}#${fragment}`, await landOn(page, fragment, fragmentElementId(fragment)));
  }
  return new Map(fragments.map((fragment) => [fragment, landed.get(`${path}#${fragment}`)!]));
}
