import { applyDecorators, BadRequestException, Type } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { type CursorField, type CursorValues, decodeCursor } from '../../libs/page-cursor';
import { toStrictInteger } from './query-int';

/**
 * The one list convention (docs/api.md, "Lists"): every list endpoint takes `limit` (default
 * 100; above 1000 a page holds 1000) and `cursor` (from the previous page), answers a JSON
 * array of at most that many items, and when more follow says so in the `X-Next-Cursor` header
 * (the cursor of the next page) and a `Link: <url>; rel="next"` header. No list is cut off
 * silently.
 */
export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1000;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const INVALID_CURSOR = 'cursor is not valid: pass X-Next-Cursor of a previous page';
const LIMIT_MESSAGE = `limit must be an integer of 1 or more (a page holds at most ${MAX_PAGE_LIMIT})`;

/** The page size a `limit` asks for: its value, default 100, at most 1000. */
export function pageLimit(limit: number | undefined): number {
  return Math.min(limit ?? DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT);
}

/** `limit` and `cursor`: list query DTOs extend this. */
export class PageQuery {
  @ApiPropertyOptional({
    minimum: 1,
    default: DEFAULT_PAGE_LIMIT,
    description: `Items per page; above ${MAX_PAGE_LIMIT} a page holds ${MAX_PAGE_LIMIT} (X-Next-Cursor says more follow)`,
  })
  @IsOptional()
  @Transform(toStrictInteger)
  @IsInt({ message: LIMIT_MESSAGE })
  @Min(1, { message: LIMIT_MESSAGE })
  @Max(Number.MAX_SAFE_INTEGER, { message: LIMIT_MESSAGE })
  limit?: number;

  @ApiPropertyOptional({ description: 'X-Next-Cursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  @Matches(/^[A-Za-z0-9_-]+$/, {
    message: INVALID_CURSOR,
  })
  cursor?: string;
}

/**
 * The keyset position in a list's `cursor` (of shape `fields`); undefined without a cursor, a
 * 400 for a cursor the service did not produce for this list.
 */
export function cursorPosition<const F extends readonly CursorField[]>(
  cursor: string | undefined,
  fields: F,
): CursorValues<F> | undefined {
  if (cursor === undefined) return undefined;
  const pos = decodeCursor(cursor, fields);
  if (!pos) throw new BadRequestException(INVALID_CURSOR);
  return pos;
}

/** Takes `limit + 1` rows: the items of the page, and whether another page follows. */
export function pageOf<R, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
  cursorOf: (row: R) => string,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(map),
    nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null,
  };
}

/**
 * Sets the paging headers for `page` and returns its body (the items). Use in a controller
 * with `@Req() req` and `@Res({ passthrough: true }) res`.
 */
export function sendPage<T>(req: Request, res: Response, page: Page<T>): T[] {
  if (page.nextCursor) {
    const url = new URL(req.originalUrl, 'http://placeholder');
    url.searchParams.set('cursor', page.nextCursor);
    res.setHeader('X-Next-Cursor', page.nextCursor);
    res.setHeader('Link', `<${url.pathname}${url.search}>; rel="next"`);
  }
  return page.items;
}

/** Documents a list response: an array of `type` plus the paging headers. */
export function ApiPage(type: Type<unknown>, description?: string): MethodDecorator {
  return applyDecorators(
    ApiOkResponse({
      type,
      isArray: true,
      description: description ?? 'One page; more follow when X-Next-Cursor is set',
      headers: {
        'X-Next-Cursor': {
          description: 'Present when more items follow: pass it as `cursor` for the next page',
          schema: { type: 'string' },
        },
        Link: {
          description: 'Present when more items follow: `<url of the next page>; rel="next"`',
          schema: { type: 'string' },
        },
      },
    }),
  );
}
