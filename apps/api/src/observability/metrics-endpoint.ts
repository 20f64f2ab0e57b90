import type { INestApplication } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Metrics } from './metrics';

export const METRICS_PATH = '/metrics';

/**
 * `GET /metrics` in the Prometheus text format, outside `/api/v1` and without a key (like the
 * health probes), on every role. It carries counts and latencies only, never tenant data; keep it
 * on the internal network (see infra/k8s).
 */
export function serveMetrics(app: INestApplication, metrics: Metrics): void {
  const http = app.getHttpAdapter().getInstance() as { get(path: string, handler: (req: Request, res: Response) => void): void };
  http.get(METRICS_PATH, (_request, response) => {
    metrics.registry.metrics().then(
      (text) => response.status(200).type(metrics.registry.contentType).send(text),
      (error: unknown) => response.status(500).type('text/plain').send(String(error)),
    );
  });
}
