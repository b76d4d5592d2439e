import { Module } from '@nestjs/common';
import { EthnicGroupsController, HouseholdsController } from './households.controller';
import { HouseholdsImportService } from './households-import.service';
import { HouseholdsRepository } from './households.repository';
import { HouseholdsService } from './households.service';

@Module({
  controllers: [HouseholdsController, EthnicGroupsController],
  providers: [HouseholdsRepository, HouseholdsService, HouseholdsImportService],
  exports: [HouseholdsRepository, HouseholdsService],
})
export class HouseholdsModule {}
