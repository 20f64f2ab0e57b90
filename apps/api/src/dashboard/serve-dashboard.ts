import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Where `nx run dashboard:build` writes the dashboard (ORCH_DASHBOARD_DIR overrides). */
export function dashboardDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env['ORCH_DASHBOARD_DIR'] ?? join(__dirname, '..', '..', '..', 'dashboard', 'dist'));
}

/** Paths the dashboard never answers: the api, the socket gateway, and files that look like files. */
export function isSpaRoute(method: string, path: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (path === '/api' || path.startsWith('/api/') || path.startsWith('/socket.io')) return false;
  return !/\.[A-Za-z0-9]{1,8}$/.test(path);
}

/**
 * Serves the built dashboard at `/`: its static files (hashed assets cached for a year, the page
 * never), and `index.html` for every other browser route (the SPA's own router takes over).
 * Answers whether it found a build.
 */
export function serveDashboard(app: NestExpressApplication, dir = dashboardDir()): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index) || !statSync(index).isFile()) return false;
  app.useStaticAssets(dir, {
    index: false,
    setHeaders: (response, path) => response.setHeader('cache-control', path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (!isSpaRoute(request.method, request.path)) return next();
    response.setHeader('cache-control', 'no-cache');
    response.sendFile(index);
  });
  return true;
}
