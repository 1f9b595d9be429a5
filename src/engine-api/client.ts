/**
 * oVirt engine REST API v4 client: the subset ovirt-floppy needs (facts §4). OAuth password grant with the
 * mandatory `ovirt-app-api` scope (§4.1), JSON (`Accept: application/json`, §4.2), `Version: 4`.
 */
import type { EngineApiConfig } from '../config/types.js';
import { AppError } from '../errors.js';
import { httpsRequest, type HttpClient } from './http.js';
import type { Secret } from './password.js';

export class EngineApiError extends AppError {
  override readonly code = 'engine-api';
  override readonly exitCode = 3;
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
EngineApiError.prototype.name = 'EngineApiError';

/** `detail` of an engine fault body (§4.2), or the body's start. */
export function faultDetail(body: string): string {
  try {
    const parsed = JSON.parse(body) as { detail?: string; reason?: string; error?: string; error_code?: string };
    return parsed.detail ?? parsed.reason ?? parsed.error ?? parsed.error_code ?? body.slice(0, 200);
  } catch {
    return body.slice(0, 200);
  }
}

export class EngineApi {
  /** One login shared by concurrent requests (the inventory read sends several at once). */
  private token?: Promise<string>;

  constructor(
    private readonly config: EngineApiConfig,
    private readonly password: Secret,
    private readonly http: HttpClient = httpsRequest,
    private readonly timeoutMs = 30_000,
  ) {}

  /** Base like https://engine/ovirt-engine/api → https://engine/ovirt-engine */
  private get engineRoot(): string {
    return this.config.url.replace(/\/api\/?$/, '');
  }

  private async login(): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'password',
      scope: 'ovirt-app-api',
      username: this.config.user,
      password: this.password.reveal(),
    }).toString();
    const res = await this.http({
      method: 'POST',
      url: `${this.engineRoot}/sso/oauth/token`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body,
      timeoutMs: this.timeoutMs,
      caFile: this.config.caFile,
    });
    if (res.status !== 200)
      throw new EngineApiError(`login as ${this.config.user} failed (HTTP ${res.status}): ${faultDetail(res.body)}`, res.status);
    const token = (JSON.parse(res.body) as { access_token?: string }).access_token;
    if (!token) throw new EngineApiError('login answer has no access_token');
    return token;
  }

  /** JSON request; one retry with a fresh token after 401 (the token expired, §4.1). */
  async request<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    for (let attempt = 0; attempt < 2; attempt++) {
      this.token ??= this.login().catch((error: unknown) => {
        this.token = undefined;
        throw error;
      });
      const token = await this.token;
      const res = await this.http({
        method,
        url: `${this.config.url.replace(/\/$/, '')}${path}`,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          'Content-Type': 'application/json',
          Version: '4',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: this.timeoutMs,
        caFile: this.config.caFile,
      });
      if (res.status === 401 && attempt === 0) {
        // Only drop the token this request used; a concurrent request may already have a fresh one.
        if (this.token && (await this.token.catch(() => undefined)) === token) this.token = undefined;
        continue;
      }
      if (res.status < 200 || res.status >= 300) {
        throw new EngineApiError(`${method} ${path} failed (HTTP ${res.status}): ${faultDetail(res.body)}`, res.status);
      }
      return (res.body ? JSON.parse(res.body) : {}) as T;
    }
    throw new EngineApiError(`${method} ${path}: unauthorized`, 401);
  }
}
