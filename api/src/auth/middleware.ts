import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.ts';
import type { AppEnv } from '../context.ts';
import { userForToken, type Role } from './users.ts';

/** Resolves the bearer token (if any) into c.var.user. */
export const identify: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization');
  // EventSource cannot send headers: the SSE stream alone also takes the token as ?access_token= (RFC 6750 §2.3)
  const queryToken = c.req.path === '/api/stream' ? c.req.query('access_token') : undefined;
  const token = header?.match(/^Bearer\s+([0-9a-f]{64})$/i)?.[1] ?? (queryToken && /^[0-9a-f]{64}$/i.test(queryToken) ? queryToken : undefined);
  if (token) {
    const user = await userForToken(c.var.deps.db.pool, token.toLowerCase());
    if (user) c.set('user', user);
  }
  await next();
};

/** Every write needs a token; `allowed` narrows the roles (admin always passes). */
export function requireRole(...allowed: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.var.user;
    if (!user) throw new ApiError(401, 'unauthorized', '需要登录：请求缺少有效的 Bearer 令牌 (missing or expired bearer token)');
    if (allowed.length && user.role !== 'admin' && !allowed.includes(user.role)) {
      throw new ApiError(403, 'forbidden', `角色 ${user.role} 无权执行此操作 (role ${user.role} may not do this)`);
    }
    await next();
  };
}

/** Reads are public when PUBLIC_READ is true; otherwise they need any valid token. */
export const readAccess: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.deps.settings.publicRead && !c.var.user) {
    throw new ApiError(401, 'unauthorized', '需要登录 (reads need a bearer token: PUBLIC_READ is false)');
  }
  await next();
};
