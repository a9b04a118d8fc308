// Runs a bundled entry in headless Chromium against the emulator and dynalite, and reports which
// JavaScript files the page actually downloaded. Chromium is Debian's package (never downloaded).
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { URL } from 'node:url';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** `CHROMIUM_PATH` when set (and present), else Debian's usual paths; undefined when none exists. */
export function chromiumPath() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

/** Serves `dir` and an index page that sets `benchConfig` and loads `entryFile` as a module. */
async function serve(dir, entryFile, config) {
  const html =
    `<!doctype html><meta charset="utf-8"><script>globalThis.benchConfig=${JSON.stringify(config)};` +
    `globalThis.benchDone=(id)=>{globalThis.benchResult=id};</script>` +
    `<script type="module" src="/${entryFile}"></script>`;
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

/**
 * Opens the page in a fresh browser context and waits until the entry calls `benchDone`. Resolves to
 * the output files (relative to `dir`) the page requested, in order.
 */
export async function loadedFiles(browser, dir, entryFile, config) {
  const site = await serve(dir, entryFile, config);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const files = [];
    const errors = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin + '/' === site.url && url.pathname.endsWith('.js')) files.push(url.pathname.slice(1));
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(site.url);
    try {
      await page.waitForFunction(() => globalThis.benchResult !== undefined, null, { timeout: 30_000 });
    } catch (error) {
      throw new Error(`${entryFile}: the flow did not finish in the browser (${errors.join('; ')})`, {
        cause: error,
      });
    }
    return files;
  } finally {
    await context.close();
    site.close();
  }
}
