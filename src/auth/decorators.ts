import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthUser, Role } from './auth-user';

export const IS_PUBLIC = 'auth:public';
export const ROLES_KEY = 'auth:roles';
export const PASSWORD_CHECK = 'auth:password-check';

/** The route needs no token (health, docs, login). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Only these roles may call the route; the area check happens in the service (ScopeService). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/**
 * The route checks a password (login, change-password): the `login` rate limit applies
 * (LOGIN_RATE_LIMIT_PER_MINUTE per client address, shared by all such routes).
 */
export const PasswordCheck = () => SetMetadata(PASSWORD_CHECK, true);
/** The authenticated caller. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user;
});
