// Several tabs of one origin in headless Chromium (one browser context: they share localStorage and
// Web Locks), each running a bundled entry. The page's Date.now reads the real time plus an offset the
// benchmark moves (both libraries read Date.now), so "expired" needs no real waiting.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { URL } from 'node:url';

const CLOCK =
  'const realNow = Date.now.bind(Date); globalThis.benchOffset = 0;' +
  'Date.now = () => realNow() + globalThis.benchOffset;';

/** Serves `dir` and an index page that sets the clock and `benchConfig`, then loads `entryFile`. */
export async function serveTabs(dir, entryFile, config) {
  const html =
    `<!doctype html><meta charset="utf-8"><script>${CLOCK}globalThis.benchConfig=${JSON.stringify(config)};` +
    `</script><script type="module" src="/${entryFile}"></script>`;
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://bench.invalid').pathname;
    if (path === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir) || extname(file) !== '.js' || !existsSync(file))
      return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

/** Opens `count` tabs of `url` in `context`, one after the other, each once its entry is ready. */
export async function openTabs(context, url, count) {
  const tabs = [];
  for (let i = 0; i < count; i++) {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => globalThis.benchTab !== undefined, null, { timeout: 30_000 });
    tabs.push(page);
  }
  return tabs;
}

/** Every tab's session fetch at one page time (`startAt`, real epoch ms): resolves to their answers. */
export function fetchTogether(tabs, startAt) {
  return Promise.all(
    tabs.map((page) =>
      page.evaluate(async (at) => {
        await new Promise((resolve) =>
          globalThis.setTimeout(resolve, Math.max(0, at - Date.now() + globalThis.benchOffset)),
        );
        return globalThis.benchTab.fetch();
      }, startAt),
    ),
  );
}

/** Moves every tab's clock to real time + `offsetMs`. */
export async function setOffset(tabs, offsetMs) {
  for (const page of tabs) await page.evaluate((ms) => void (globalThis.benchOffset = ms), offsetMs);
}
