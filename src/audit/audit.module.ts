import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditQueryService } from './audit-query.service';
import { AuditRepository } from './audit.repository';

/** GET /api/audit. AuditService (the writer) is provided globally by AuthModule. */
@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditQueryService],
})
export class AuditModule {}
