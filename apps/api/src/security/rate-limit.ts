import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import type { Principal } from '../auth/principal';

/** `ORCH_RATE_LIMIT_PER_MINUTE`: requests per API key per rolling minute (0 turns it off). */
export interface RateLimitSettings {
  readonly perMinute: number;
}

const DEFAULT_PER_MINUTE = 3_000;

/** Parsed by loadConfig (config.ts); problems are collected, not thrown. */
export function parseRateLimit(env: NodeJS.ProcessEnv, problems: string[]): RateLimitSettings {
  const raw = env['ORCH_RATE_LIMIT_PER_MINUTE'] ?? String(DEFAULT_PER_MINUTE);
  const perMinute = Number(raw);
  if (!/^\d{1,9}$/.test(raw)) problems.push(`ORCH_RATE_LIMIT_PER_MINUTE must be a whole number of requests (0 = off), got "${raw}"`);
  return { perMinute: Number.isSafeInteger(perMinute) ? perMinute : DEFAULT_PER_MINUTE };
}

export function rateLimitModule(settings: RateLimitSettings) {
  const options: ThrottlerModuleOptions = { throttlers: [{ name: 'default', ttl: 60_000, limit: Math.max(1, settings.perMinute) }] };
  return ThrottlerModule.forRoot(options);
}

/**
 * Rate limits per API key (DESIGN.md §7), one budget per key across every route. Runs after the key
 * guard, so the principal is known; public routes (health probes) are not counted.
 * Over the limit: 429 problem details (HTTP.RATE_LIMITED) with Retry-After in seconds.
 */
@Injectable()
export class ApiKeyThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    return request.principal === undefined;
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    return (request as { principal: Principal }).principal.apiKeyId;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }
}

/** The module and the global guard for AppModule; nothing at all when the limit is 0. */
export function rateLimiting(settings: RateLimitSettings) {
  return settings.perMinute > 0 ? { imports: [rateLimitModule(settings)], guards: [ApiKeyThrottlerGuard] } : { imports: [], guards: [] };
}
