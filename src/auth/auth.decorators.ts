import { SetMetadata } from '@nestjs/common';
import type { Role } from '../../libs/api-keys';

export const PUBLIC_ROUTE = 'auth:public';
export const REQUIRED_ROLE = 'auth:role';

/** Open without a key (health checks). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The role a route needs, when not the default for its method (reads viewer, writes editor,
 * deletes admin). On a controller it applies to each of its routes.
 */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

export const REQUIRED_ROLE_WHEN = 'auth:role-when';

/**
 * A higher role when a query flag is set, e.g. `?cascade=true` on a delete needs admin
 * (`@RequireRoleWhen('cascade', 'admin')`). The flag counts as set for "true" and "1".
 */
export const RequireRoleWhen = (flag: string, role: Role) =>
  SetMetadata(REQUIRED_ROLE_WHEN, { flag, role });
