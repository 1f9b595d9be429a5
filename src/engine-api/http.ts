/** Minimal HTTPS JSON requests with a pinned CA (node:https; global fetch cannot take a CA per request). */
import { readFileSync } from 'node:fs';
import { request } from 'node:https';

export interface HttpResponse {
  status: number;
  body: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  caFile?: string;
}

export type HttpClient = (req: HttpRequest) => Promise<HttpResponse>;

export const httpsRequest: HttpClient = (req) =>
  new Promise((resolve, reject) => {
    const ca = req.caFile ? readFileSync(req.caFile) : undefined;
    const r = request(req.url, { method: req.method, headers: req.headers, ca, timeout: req.timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    r.on('timeout', () => r.destroy(new Error(`${req.method} ${new URL(req.url).pathname} timed out after ${req.timeoutMs} ms`)));
    r.on('error', reject);
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
