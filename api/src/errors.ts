import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';

/** An error the client caused or may show: becomes `{"error":{"code","message"}}` with its status. */
export class ApiError extends Error {
  constructor(public status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 503, public code: string, message: string,
              public field?: string) {
    super(message);
  }
}

export const badRequest = (message: string, field?: string) => new ApiError(400, 'bad_request', message, field);
export const unprocessable = (message: string, field?: string) => new ApiError(422, 'invalid', message, field);
export const notFound = (message: string) => new ApiError(404, 'not_found', message);

/** Hono onError handler: never leaks a stack trace. */
export function handleError(err: Error, c: Context) {
  if (err instanceof ApiError) {
    return c.json({ error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } }, err.status);
  }
  if (err instanceof HTTPException) {
    return c.json({ error: { code: 'http_error', message: err.message || 'request error' } }, err.status);
  }
  // PostgreSQL constraint / data errors caused by input: 422 rather than 500
  const pgCode = (err as { code?: string }).code;
  if (pgCode && /^(22|23)/.test(pgCode)) {
    return c.json({ error: { code: 'invalid', message: `rejected by the database: ${err.message}` } }, 422);
  }
  console.error('[api] unexpected error:', err);
  return c.json({ error: { code: 'internal', message: 'internal server error' } }, 500);
}

/** Parses the JSON request body, turning malformed JSON into a 400 that says so. */
export async function readJson<T = unknown>(c: Context, maxBytes = 10 * 1024 * 1024): Promise<T> {
  const len = Number(c.req.header('content-length') ?? 0);
  if (len > maxBytes) throw new ApiError(413, 'too_large', `request body exceeds ${maxBytes} bytes`);
  const text = await c.req.text();
  if (text.length > maxBytes) throw new ApiError(413, 'too_large', `request body exceeds ${maxBytes} bytes`);
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw badRequest(`malformed JSON body: ${(e as Error).message}`);
  }
}
