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
