import { Module } from '@nestjs/common';
import { ExportsController } from './exports.controller';
import { ExportsRepository } from './exports.repository';
import { ExportsService } from './exports.service';
import { ReportSource, UnboundReportSource } from './report-source';

/**
 * Excel exports. ReportSource is the seam to the reports and program modules: at merge, bind it
 * to their adapter (`{ provide: ReportSource, useClass: ReportsExportSource }`).
 */
@Module({
  controllers: [ExportsController],
  providers: [ExportsRepository, ExportsService, { provide: ReportSource, useClass: UnboundReportSource }],
  exports: [ExportsService],
})
export class ExportsModule {}
