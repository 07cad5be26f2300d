import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * Metrics of this process (one registry per process, whatever the number of app instances in
 * it): Node's own (`tippers_process_*`, `tippers_nodejs_*`), HTTP latency, and the counters
 * features define next to their code (e.g. occupancy's chunk throughput).
 */
export const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry, prefix: 'tippers_' });

export const httpDuration = new Histogram({
  name: 'tippers_http_request_duration_seconds',
  help: 'HTTP request latency by method, route pattern and status code',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [processRegistry],
});

/** Times every request; the route label is the matched pattern (bounded), else "unmatched". */
export function httpMetrics(req: Request, res: Response, next: NextFunction): void {
  const end = httpDuration.startTimer();
  res.once('finish', () => {
    const pattern = (req.route as { path?: unknown } | undefined)?.path;
    // Nest answers unknown paths from a catch-all route ("/{*path}"): one label for all of them
    const route =
      typeof pattern === 'string' && !pattern.includes('{*')
        ? `${req.baseUrl}${pattern}`
        : 'unmatched';
    end({ method: req.method, route, status_code: String(res.statusCode) });
  });
  next();
}
