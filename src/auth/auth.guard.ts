import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../common/errors/domain-error';
import type { Role } from './auth-user';
import { AuthService } from './auth.service';
import { IS_PUBLIC, ROLES_KEY } from './decorators';

/** Global guard: a Bearer token on every route but @Public ones, then the route's @Roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly auth: AuthService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const header: string | undefined = req.headers?.authorization;
    const match = typeof header === 'string' ? header.match(/^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/i) : null;
    if (!match) throw new DomainError('UNAUTHENTICATED', 'Cần đăng nhập (thiếu Bearer token)');
    req.user = await this.auth.authenticate(match[1]);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(req.user.role)) {
      throw new DomainError('FORBIDDEN', `Chức năng này dành cho: ${roles.join(', ')}`);
    }
    return true;
  }
}
