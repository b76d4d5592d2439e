import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthUser, Role } from './auth-user';

export const IS_PUBLIC = 'auth:public';
export const ROLES_KEY = 'auth:roles';

/** The route needs no token (health, docs, login). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Only these roles may call the route; the area check happens in the service (ScopeService). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** The authenticated caller. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user;
});
