import { Module } from '@nestjs/common';
import { ExportsController } from './exports.controller';
import { ExportsRepository } from './exports.repository';
import { ExportsService } from './exports.service';
import { ProgramModule } from '../program/program.module';
import { ReportsModule } from '../reports/reports.module';
import { ReportSource } from './report-source';
import { ServicesReportSource } from './services-report-source';

/**
 * Excel exports. ReportSource is the seam to the reports and program modules, bound to the
 * adapter over their services (ServicesReportSource).
 */
@Module({
  imports: [ReportsModule, ProgramModule],
  controllers: [ExportsController],
  providers: [ExportsRepository, ExportsService, { provide: ReportSource, useClass: ServicesReportSource }],
  exports: [ExportsService],
})
export class ExportsModule {}
