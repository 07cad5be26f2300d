import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { defaultRole, keyFromHeaders, roleAllows, type Role } from '../../libs/api-keys';
import type { ResolvedConfig } from '../bootstrap/infrastructure';
import { APP_CONFIG } from '../config/app-config.provider';
import { ApiKeysService, KeyIdentity } from './api-keys.service';
import { PUBLIC_ROUTE, REQUIRED_ROLE, REQUIRED_ROLE_WHEN } from './auth.decorators';

export type AuthenticatedRequest = Request & { apiKey?: KeyIdentity };

/**
 * Every route: when keys are required, a valid key (401 without one or with a bad one) whose
 * role covers the route's (403 otherwise). When keys are not required, a valid key is still
 * recognised (GET /auth/me says whose it is) and nothing is refused.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const required = this.config.auth.required;
    const key = keyFromHeaders(req.headers.authorization, req.headers['x-api-key']);
    const who = key ? await this.keys.verify(key) : null;
    if (who) req.apiKey = who;
    if (!required) return true;
    if (!who) {
      ctx.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException(
        key
          ? 'the API key is not valid (unknown, deleted or malformed)'
          : 'an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>',
      );
    }
    let need =
      this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? defaultRole(req.method);
    const when = this.reflector.getAllAndOverride<{ flag: string; role: Role } | undefined>(
      REQUIRED_ROLE_WHEN,
      targets,
    );
    const flag = when ? (req.query as Record<string, unknown>)[when.flag] : undefined;
    if (when && (flag === 'true' || flag === '1') && !roleAllows(need, when.role)) need = when.role;
    if (!roleAllows(who.role, need))
      throw new ForbiddenException(
        `this needs an API key with the ${need} role; the key "${who.name}" has the ${who.role} role`,
      );
    return true;
  }
}
