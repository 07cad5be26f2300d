import { STATUS_CODES } from 'node:http';
import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';

/** The one error body every endpoint returns. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** Validation failures, one entry per problem, when there are several. */
  details?: string[];
  /** A 409 for a delete: what depends on the row (deleted too with ?cascade=true). */
  dependents?: { type: string; id: number; name: string }[];
}

export function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/** Maps an HttpException's response (string or object, message string or array) to the API body. */
export function toApiErrorBody(status: number, response: unknown): ApiErrorBody {
  const body: ApiErrorBody = { statusCode: status, error: reasonPhrase(status), message: '' };
  if (typeof response === 'string') {
    body.message = response;
  } else if (response && typeof response === 'object') {
    const r = response as {
      message?: unknown;
      error?: unknown;
      details?: unknown;
      dependents?: unknown;
    };
    if (Array.isArray(r.message)) {
      const details = r.message.map(String);
      body.message = details.join('; ');
      if (details.length > 1) body.details = details;
    } else if (typeof r.message === 'string') {
      body.message = r.message;
    }
    if (typeof r.error === 'string' && r.error !== body.message) body.error = r.error;
    if (Array.isArray(r.details)) body.details = r.details.map(String);
    if (Array.isArray(r.dependents)) body.dependents = r.dependents as ApiErrorBody['dependents'];
  }
  if (!body.message) body.message = body.error;
  return body;
}

/**
 * Turns every error into `{statusCode, error, message}`. HttpExceptions keep their status;
 * anything else is a real fault: logged with its stack, answered 500 without internal text
 * (the original leaked exception text to clients).
 */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    let body: ApiErrorBody;
    if (exception instanceof HttpException) {
      body = toApiErrorBody(exception.getStatus(), exception.getResponse());
    } else if (isClientBodyError(exception)) {
      body = toApiErrorBody(exception.status, bodyErrorMessage(exception));
    } else {
      const detail = exception instanceof QueryFailedError ? ' (database query failed)' : '';
      this.logger.error(
        `Unhandled error${detail}: ${exception instanceof Error ? exception.stack : String(exception)}`,
      );
      body = toApiErrorBody(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(body.statusCode).json(body);
  }
}

interface BodyParserError {
  status: number;
  type?: string;
  message: string;
}

/** Errors raised by the body parser (malformed JSON, too large, bad charset). */
export function isClientBodyError(e: unknown): e is BodyParserError {
  if (!e || typeof e !== 'object') return false;
  const err = e as { status?: unknown; type?: unknown };
  return (
    typeof err.status === 'number' &&
    err.status >= 400 &&
    err.status < 500 &&
    typeof err.type === 'string'
  );
}

export function bodyErrorMessage(e: BodyParserError): string {
  switch (e.type) {
    case 'entity.parse.failed':
      return `Malformed JSON in request body: ${e.message}`;
    case 'entity.too.large':
      return 'Request body is too large';
    default:
      return e.message;
  }
}
