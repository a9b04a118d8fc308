import type { WebUIBrowser } from '../../src';

/**
 * A scripted person at a browser, for the hosted-UI tests: follows redirects, keeps cookies per host, and
 * submits each page's form with `fill` for the visible fields (hidden fields as the page set them), until
 * a redirect reaches the app's redirect URI. No JavaScript: the pages involved need none.
 */
export function formBrowser(fill: Record<string, string>, visited: string[] = []): WebUIBrowser {
  return {
    async open(start, redirectUri) {
      const jar = new Map<string, Map<string, string>>();
      let request: { url: string; init: RequestInit } = { url: start, init: {} };
      for (let step = 0; step < 25; step++) {
        if (request.url.startsWith(redirectUri)) return request.url;
        visited.push(request.url);
        const host = new URL(request.url).host;
        const cookies = jar.get(host) ?? new Map<string, string>();
        jar.set(host, cookies);
        const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
        const headers = {
          ...(request.init.headers as Record<string, string>),
          ...(cookie ? { cookie } : {}),
        };
        const answer = await fetch(request.url, { ...request.init, headers, redirect: 'manual' });
        for (const line of answer.headers.getSetCookie()) {
          const [pair] = line.split(';');
          const at = pair!.indexOf('=');
          cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
        }
        const location = answer.headers.get('location');
        if (location) {
          request = { url: new URL(location, request.url).toString(), init: {} };
          continue;
        }
        const page = await answer.text();
        const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(page);
        if (!form)
          throw new Error(
            `no form and no redirect at ${request.url} (HTTP ${answer.status}): ${page.slice(0, 3000)}`,
          );
        const fields = new URLSearchParams();
        for (const input of form[2]!.matchAll(/<input([^>]*)>/gi)) {
          const name = /name="([^"]*)"/.exec(input[1]!)?.[1];
          if (!name) continue;
          const value = /value="([^"]*)"/.exec(input[1]!)?.[1] ?? '';
          fields.set(name, fill[name] ?? value.replace(/&amp;/g, '&'));
        }
        request = {
          url: new URL(form[1]!.replace(/&amp;/g, '&'), request.url).toString(),
          init: {
            method: 'POST',
            body: fields.toString(),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          },
        };
      }
      throw new Error('too many steps without reaching the redirect URI');
    },
  };
}
