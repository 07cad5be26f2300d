import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { ApiErrorFilter, bodyErrorMessage, isClientBodyError, toApiErrorBody } from './common/api-error.filter';
import { createValidationPipe } from './common/validation';
import { setupOpenApi } from './openapi/openapi';

/** Everything main.ts and the e2e tests apply to the app the same way. */
export function configureApp(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiErrorFilter());
  // body-parser failures (bad JSON) happen before Nest's router: answer them in the API shape
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!isClientBodyError(err)) return next(err);
    res.status(err.status).json(toApiErrorBody(err.status, bodyErrorMessage(err)));
  });
  setupOpenApi(app);
}
