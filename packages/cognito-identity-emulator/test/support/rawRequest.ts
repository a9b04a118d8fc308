import { request, type IncomingHttpHeaders } from 'node:http';
import type { CognitoIdentityEmulator } from '../../src/index.js';

/** What the emulator answered to a raw request: status, headers and body text. */
export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A raw HTTP request to the emulator with exactly these headers: node:http sends any Origin or Host
 * header, as a browser (or a DNS-rebinding page) would.
 */
export function send(
  emu: CognitoIdentityEmulator,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(emu.endpoint + path, { method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
