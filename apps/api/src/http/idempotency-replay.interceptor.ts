import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';

/**
 * A command answered from an earlier request with the same Idempotency-Key gets the same body as
 * the first time, and says so in the `Idempotent-Replayed: true` header.
 */
@Injectable()
export class IdempotencyReplayInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body: unknown) => {
        if (typeof body !== 'object' || body === null || !('replayed' in body)) return body;
        const { replayed, ...rest } = body as { replayed?: boolean };
        if (replayed) context.switchToHttp().getResponse<Response>().setHeader('Idempotent-Replayed', 'true');
        return rest;
      }),
    );
  }
}
