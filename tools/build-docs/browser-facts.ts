/**
 * What headless Chromium sees of the site's pages, for the checks of site-check.ts: the text a reader sees
 * (outside code), the ids and links of a page, and where Redoc lands on a deep link and which provenance
 * badges it shows there.
 */
import type { Page } from 'puppeteer-core';
import type { PageFacts } from './site-check';

/**
 * The visible text of the open page outside code, scripts and styles, one text node a line: what must carry
 * no leaked markup (a guide may quote `<!--` or `**` in code on purpose).
 */
export function proseText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const lines: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('code, pre, script, style, template, kbd, samp')) continue;
      if (!parent.checkVisibility()) continue;
      const text = node.textContent?.trim();
      if (text) lines.push(text);
    }
    return lines.join('\n');
  });
}

/** The ids and link targets of the open page. */
export async function openPageFacts(page: Page, path: string): Promise<PageFacts> {
  const { ids, hrefs } = await page.evaluate(() => ({
    ids: [...document.querySelectorAll('[id]')].map((element) => element.id),
    hrefs: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? ''),
  }));
  return { path, ids: new Set(ids), hrefs };
}

/**
 * The ids and links of static pages (TypeDoc's), parsed by the browser's own HTML parser without loading
 * each page: hundreds of small pages whose anchors are in their HTML.
 */
export async function parsedPageFacts(
  page: Page,
  files: Array<{ path: string; html: string }>,
): Promise<PageFacts[]> {
  const parsed = await page.evaluate(
    (batch) =>
      batch.map(({ path, html }) => {
        const doc = new DOMParser().parseFromString(html, 'text/html');
        return {
          path,
          ids: [...doc.querySelectorAll('[id]')].map((element) => element.id),
          hrefs: [...doc.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? ''),
        };
      }),
    files,
  );
  return parsed.map((facts) => ({ ...facts, ids: new Set(facts.ids) }));
}

/** A provenance badge as shown: its value and the text of the paragraph it opens (the mark's note). */
export interface ShownBadge {
  provenance: string;
  text: string;
}

export interface Landing {
  /** The element the fragment names exists once Redoc has routed to it. */
  found: boolean;
  /** The badges visible in that element (for a response body: in its response, where the description is). */
  badges: ShownBadge[];
}

/**
 * Routes an open Redoc page to `fragment` (without `#`) the way a link does, and waits for the element it
 * names. Redoc routes on hash changes, so the 2.5 MB page is loaded once for all its anchors.
 */
export async function landOn(
  page: Page,
  fragment: string,
  elementId: string,
  timeoutMs = 10_000,
): Promise<Landing> {
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, fragment);
  const found = await page
    .waitForFunction(
      (id) => document.getElementById(id) !== null,
      { timeout: timeoutMs, polling: 50 },
      elementId,
    )
    .then(
      () => true,
      () => false,
    );
  if (!found) return { found, badges: [] };
  const badges = await page.evaluate((id) => {
    const element = document.getElementById(id)!;
    const scope = /response&c=[^/]+\/body$/.test(id) ? (element.parentElement ?? element) : element;
    return [...scope.querySelectorAll<HTMLElement>('.instancekit-provenance')]
      .filter((badge) => badge.checkVisibility())
      .map((badge) => ({
        provenance: badge.dataset.provenance ?? '',
        text: (badge.parentElement?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      }));
  }, elementId);
  return { found, badges };
}
