import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope.service';
import { notFound } from '../common/errors/domain-error';
import { page, Page } from '../common/pagination/page';
import { UnitListQuery } from './units.dto';
import { UnitsRepository, UnitVersion } from './units.repository';

export const today = () => new Date().toISOString().slice(0, 10);

@Injectable()
export class UnitsService {
  constructor(private readonly repo: UnitsRepository, private readonly scope: ScopeService) {}

  async list(user: AuthUser, q: UnitListQuery): Promise<Page<UnitVersion>> {
    // Units are reference data every signed-in officer may read (names of neighbouring units
    // appear in reports); households and results are what scopes protect.
    const { items, total } = await this.repo.list(q, { limit: q.pageSize, offset: q.offset });
    return page(items, total, q);
  }

  async get(user: AuthUser, code: string, date?: string): Promise<UnitVersion & { children: UnitVersion[]; versions: UnitVersion[] }> {
    const on = date ?? today();
    const version = (await this.repo.version(code, on)) ?? (date ? undefined : await this.repo.version(code));
    if (!version) throw notFound('Unit', code);
    const [children, versions] = await Promise.all([this.repo.children(code, on), this.repo.versions(code)]);
    return { ...version, children, versions };
  }
}
