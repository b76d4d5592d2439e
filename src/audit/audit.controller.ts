import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { AuditQuery } from './audit.dto';
import { AuditQueryService } from './audit-query.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  /**
   * The audit trail, newest first, paged. Admins see everything; officers see the entries of units
   * in their area (entries without a unit — accounts of admins, reference data — are for admins
   * only). `unit` outside the caller's area is 403. Read only: no route edits or deletes entries.
   */
  @Roles('admin', 'province', 'district', 'commune')
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: AuditQuery) {
    return this.audit.list(user, q);
  }
}
