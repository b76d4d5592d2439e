import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AppConfig } from '../config/app-config';
import { xlsxMulterOptions } from '../common/excel/upload';
import { EthnicGroupsController, HouseholdsController } from './households.controller';
import { HouseholdsImportService } from './households-import.service';
import { HouseholdsRepository } from './households.repository';
import { HouseholdsService } from './households.service';

@Module({
  imports: [MulterModule.registerAsync({ inject: [AppConfig], useFactory: xlsxMulterOptions })],
  controllers: [HouseholdsController, EthnicGroupsController],
  providers: [HouseholdsRepository, HouseholdsService, HouseholdsImportService],
  exports: [HouseholdsRepository, HouseholdsService],
})
export class HouseholdsModule {}
