import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { json, type NextFunction, type Request, type Response } from 'express';
import { Logger } from 'nestjs-pino';
import {
  ApiErrorFilter,
  bodyErrorMessage,
  isClientBodyError,
  toApiErrorBody,
} from './common/api-error.filter';
import { rejectHostileValues, requireJsonBodies } from './common/hostile-input';
import { createValidationPipe } from './common/validation';
import { setupOpenApi } from './openapi/openapi';
import helmet from 'helmet';
import type { ResolvedConfig } from './bootstrap/infrastructure';
import { APP_CONFIG } from './config/app-config.provider';
import { httpMetrics } from './metrics/process-metrics';

/**
 * helmet's security headers on every response; the API's JSON is never a page, so its CSP
 * allows nothing; Swagger UI (/docs) gets helmet without a CSP (its page runs inline script);
 * the dashboard (/admin) and the queue view (Bull Board, /queues) may load their own files only.
 */
function securityHeaders() {
  const api = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
  });
  const docs = helmet({ contentSecurityPolicy: false });
  // the dashboard: its own scripts, styles and API calls, nothing from elsewhere
  const admin = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  return (req: Request, res: Response, next: NextFunction) =>
    (req.path === '/docs' || req.path.startsWith('/docs/') || req.path.startsWith('/docs-')
      ? docs
      : req.path === '/admin' ||
          req.path.startsWith('/admin/') ||
          req.path === '/queues' ||
          req.path.startsWith('/queues/')
        ? admin
        : api)(req, res, next);
}

/**
 * Options every app instance is created with. Nest's own body parser is off: configureApp
 * installs one, preceded by the JSON-only check (415) and followed by a handler that answers
 * its errors (malformed JSON) in the API shape and by the NUL and nesting checks (400).
 */
export const APP_OPTIONS: NestApplicationOptions = { bodyParser: false, bufferLogs: true };

export const JSON_BODY_LIMIT = '5mb';

/** Everything main.ts and the e2e tests apply to the app the same way. */
export function configureApp(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  app.use(httpMetrics);
  app.use(securityHeaders());
  const { corsOrigins } = app.get<ResolvedConfig>(APP_CONFIG);
  if (corsOrigins.length)
    app.enableCors({
      origin: corsOrigins,
      exposedHeaders: [
        'X-Next-Cursor',
        'Link',
        'Retry-After',
        'X-Request-Id',
        'Content-Disposition',
      ],
      maxAge: 600,
    });
  app.use(requireJsonBodies);
  app.use(json({ limit: JSON_BODY_LIMIT }));
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!isClientBodyError(err)) return next(err);
    res.status(err.status).json(toApiErrorBody(err.status, bodyErrorMessage(err)));
  });
  app.use(rejectHostileValues);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiErrorFilter());
  setupOpenApi(app);
}
