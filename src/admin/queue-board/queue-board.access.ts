import type { NextFunction, Request, Response } from 'express';
import { parse as parseCookies } from 'cookie';
import { keyFromHeaders, roleAllows } from '../../../libs/api-keys';
import type { ApiKeysService } from '../../auth/api-keys.service';
import { toApiErrorBody } from '../../common/api-error.filter';

/** Where Bull Board is served, and the path its session cookie is scoped to. */
export const QUEUE_BOARD_PATH = '/queues';
/** The cookie that carries the dashboard user's key to the board (a browser tab cannot send a header). */
export const QUEUE_BOARD_COOKIE = 'tippers_queue_board';
/** How long the board's cookie lives; the dashboard sets it again each time it opens the board. */
export const QUEUE_BOARD_COOKIE_MAX_AGE_MS = 8 * 3600_000;

/**
 * The gate in front of Bull Board. The board can retry, promote, clean and delete jobs, so when
 * keys are required it takes an admin key, from the usual headers or from the HttpOnly cookie
 * that `POST /queue-board/session` sets (scoped to the board's path, SameSite=Strict). The key is
 * verified on every request, so a deleted key stops working at once. Without required keys the
 * board is open, like every route.
 */
export function queueBoardAccess(keys: ApiKeysService, keysRequired: boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!keysRequired) return next();
    const fromCookie = req.headers.cookie
      ? parseCookies(req.headers.cookie)[QUEUE_BOARD_COOKIE]
      : undefined;
    const key = keyFromHeaders(req.headers.authorization, req.headers['x-api-key']) ?? fromCookie;
    const refuse = (status: number, message: string) => {
      if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
      res.status(status).json(toApiErrorBody(status, message));
    };
    (key ? keys.verify(key) : Promise.resolve(null)).then((who) => {
      if (!who)
        return refuse(
          401,
          key
            ? 'the API key is not valid (unknown, deleted or malformed): open the queue view again from the dashboard'
            : 'the queue view needs an admin API key: open it from the dashboard (Runs page), or send Authorization: Bearer <key>',
        );
      if (!roleAllows(who.role, 'admin'))
        return refuse(
          403,
          `the queue view needs an API key with the admin role; the key "${who.name}" has the ${who.role} role`,
        );
      next();
    }, next);
  };
}
