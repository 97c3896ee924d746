// The one HTTP client of the console: JSON in and out, the session cookie rides along
// (same origin), the CSRF token goes on every state-changing request, and API errors
// `{"error":{"code","message","field"}}` become ApiError.
import type { Page } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

let csrfToken: string | null = null;
let onUnauthenticated: () => void = () => {};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401 (session expired or ended elsewhere). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** Query string from the defined, non-empty values. */
export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

interface Options {
  query?: Query;
  body?: unknown;
  /** A raw body (CSV text); sent as is with this content type. */
  rawBody?: { text: string; contentType: string };
  csrfRetried?: boolean;
}

async function send(method: string, path: string, options: Options = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.rawBody) {
    headers['Content-Type'] = options.rawBody.contentType;
    body = options.rawBody.text;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path + queryString(options.query), { method, headers, body, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e));
  }
  if (!response.ok) {
    const error = await toError(response, path);
    // A token that went stale (the session was renewed elsewhere): fetch the current one, retry once.
    if (error.code === 'CSRF' && !options.csrfRetried && (await refreshCsrfToken())) {
      return send(method, path, { ...options, csrfRetried: true });
    }
    throw error;
  }
  return response;
}

async function refreshCsrfToken(): Promise<boolean> {
  try {
    const r = await fetch('/api/auth/me', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!r.ok) return false;
    csrfToken = ((await r.json()) as { csrfToken?: string }).csrfToken ?? null;
    return !!csrfToken;
  } catch {
    return false;
  }
}

async function toError(response: Response, path: string): Promise<ApiError> {
  let error: { code?: string; message?: string; field?: string; retryAfterSeconds?: number } = {};
  try {
    error = ((await response.json()) as { error?: typeof error }).error ?? {};
  } catch {
    // not JSON (a proxy's error page): keep the status line
  }
  if (response.status === 401 && !path.startsWith('/api/auth/')) onUnauthenticated();
  const retry = error.retryAfterSeconds ?? (Number(response.headers.get('Retry-After')) || null);
  return new ApiError(
    response.status,
    error.code ?? `HTTP_${response.status}`,
    error.message ?? response.statusText,
    error.field ?? null,
    retry,
  );
}

async function json<T>(response: Response): Promise<T> {
  const text = response.status === 204 ? '' : await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: async <T>(path: string, query?: Query) => json<T>(await send('GET', path, { query })),
  post: async <T>(path: string, body?: unknown, query?: Query) => json<T>(await send('POST', path, { body, query })),
  put: async <T>(path: string, body?: unknown) => json<T>(await send('PUT', path, { body })),
  del: async (path: string) => void (await send('DELETE', path)),
  postText: async <T>(path: string, text: string, contentType: string) =>
    json<T>(await send('POST', path, { rawBody: { text, contentType } })),
  /** POSTs and returns the answer as a file: its bytes and the name the server gave it. */
  postForFile: async (path: string, body: unknown): Promise<{ blob: Blob; filename: string | null }> => {
    const response = await send('POST', path, { body });
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    return { blob: await response.blob(), filename: match ? decodeURIComponent(match[1]) : null };
  },
};

/** Path segment escaping for ids that come from data. */
export const seg = (value: string | number) => encodeURIComponent(String(value));

/** The picture of a snapshot link from an answer; '' when there is none. */
export const snapshotUrl = (link: string | null) => (link ? `/api/snapshots/${seg(link)}` : '');
export const cameraSnapshotUrl = (id: string, bust = 0) => `/api/cameras/${seg(id)}/snapshot${bust ? `?t=${bust}` : ''}`;

/** Reads the items of a list endpoint that answers either a page or a bare array. */
export function itemsOf<T>(answer: Page<T> | T[]): T[] {
  return Array.isArray(answer) ? answer : answer.items;
}

