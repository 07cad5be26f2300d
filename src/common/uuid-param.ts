import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `@UuidParam('run_id') id: string`: a UUID path parameter, else a 400 naming it. */
export const UuidParam = createParamDecorator((name: string, ctx: ExecutionContext): string => {
  const value = ctx.switchToHttp().getRequest<Request>().params[name];
  if (typeof value !== 'string' || !UUID.test(value)) {
    throw new BadRequestException(`${name} must be a UUID, got "${String(value).slice(0, 80)}"`);
  }
  return value.toLowerCase();
});
