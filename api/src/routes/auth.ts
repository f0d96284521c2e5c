import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { ApiError, readJson, unprocessable } from '../errors.ts';
import { login } from '../auth/users.ts';

export const authRoutes = new Hono<AppEnv>()
  .post('/api/auth/login', async (c) => {
    const body = await readJson<{ username?: unknown; password?: unknown }>(c);
    if (typeof body !== 'object' || body === null) throw unprocessable('body must be an object {"username","password"}');
    if (typeof body.username !== 'string' || !body.username) throw unprocessable('username is required', 'username');
    if (typeof body.password !== 'string') throw unprocessable('password is required', 'password');
    const result = await login(c.var.deps.db.pool, body.username, body.password);
    if (!result) throw new ApiError(401, 'invalid_credentials', '用户名或密码错误 (wrong username or password)');
    const { token, user } = result;
    return c.json({ token, user: { username: user.username, role: user.role, districts: user.districts } });
  })
  .get('/api/auth/me', (c) => {
    const user = c.var.user;
    if (!user) throw new ApiError(401, 'unauthorized', '未登录 (not logged in)');
    return c.json({ username: user.username, role: user.role, districts: user.districts });
  });
