import type { NextFunction, Request, Response } from 'express';
import { toApiErrorBody } from './api-error.filter';

/** Deepest nesting a JSON body or a query string may have (the API's own bodies nest ≤ 3). */
export const MAX_INPUT_DEPTH = 32;

/**
 * The first problem found in `value` (a parsed body, or a query parameter named `where`): a
 * NUL character in a string or a key (PostgreSQL cannot store it; drivers truncate at it), or
 * nesting deeper than MAX_INPUT_DEPTH (validation recurses: 5,000 levels overflowed its stack).
 * Null when there is none. Walks iteratively, so no input can overflow this either.
 */
export function inputProblem(value: unknown, where: string): string | null {
  const stack: [unknown, string, number][] = [[value, where, 0]];
  while (stack.length) {
    const [v, at, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return `${at} must not contain NUL characters`;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return `${where} is nested deeper than ${MAX_INPUT_DEPTH} levels`;
    const isArray = Array.isArray(v);
    for (const [key, child] of Object.entries(v)) {
      if (key.includes('\u0000')) return `${at} has a key with a NUL character`;
      stack.push([child, isArray ? `${at}[${key}]` : `${at}.${key}`, depth + 1]);
    }
  }
  return null;
}

const reject = (res: Response, status: number, message: string) =>
  res.status(status).json(toApiErrorBody(status, message));

/** The routes that take a file upload (multipart/form-data) besides JSON: model artifacts. */
const UPLOAD_ROUTES = /^\/models(\/\d+\/versions)?\/?$/;

/**
 * Before the body parser: a request that carries a body must say it is JSON (the only body
 * this API reads). Without this, a form or text body is skipped by the parser and the request
 * runs as if it had sent `{}`: a PUT answered 200 having changed nothing.
 */
export function requireJsonBodies(req: Request, res: Response, next: NextFunction): void {
  const length = req.headers['content-length'];
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!hasBody || req.is(['json', '+json'])) return next();
  if (req.method === 'POST' && UPLOAD_ROUTES.test(req.path) && req.is('multipart/form-data'))
    return next();
  reject(
    res,
    415,
    `request bodies must be JSON (Content-Type: application/json), got ${
      req.headers['content-type'] ? `"${req.headers['content-type'].slice(0, 100)}"` : 'none'
    }`,
  );
}

/** After the body parser: NUL characters and deep nesting in the query or the body are a 400. */
export function rejectHostileValues(req: Request, res: Response, next: NextFunction): void {
  const query = req.query as Record<string, unknown>;
  for (const [name, value] of Object.entries(query)) {
    const problem = name.includes('\u0000')
      ? 'a query parameter name contains a NUL character'
      : inputProblem(value, `query parameter ${name}`);
    if (problem) return void reject(res, 400, problem);
  }
  const problem = req.body === undefined ? null : inputProblem(req.body, 'body');
  if (problem) return void reject(res, 400, problem);
  next();
}
