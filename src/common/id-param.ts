import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { Request } from 'express';
import { INT32_MAX, ParseIdPipe } from './parse-id.pipe';

/**
 * The raw string of a path parameter. `@Param('x', ParseIdPipe) x: number` cannot be used:
 * the global ValidationPipe (transform: true) runs first and turns a number-typed param into
 * `+value` ("1e3" → 1000, "abc" → NaN) before ParseIdPipe sees it. The global pipe leaves
 * custom param decorators alone.
 */
const RawPathParam = createParamDecorator(
  (name: string, ctx: ExecutionContext): unknown =>
    ctx.switchToHttp().getRequest<Request>().params[name],
);

/** `@IdParam('space_id') id: number`: a positive int32 path id, else a 400 naming it. */
export const IdParam = (name: string): ParameterDecorator => RawPathParam(name, ParseIdPipe);

/** Documents an id path parameter (custom param decorators are invisible to Swagger). */
export const ApiIdParam = (name: string, description: string): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiParam({ name, description, schema: { type: 'integer', minimum: 1, maximum: INT32_MAX } }),
  );
