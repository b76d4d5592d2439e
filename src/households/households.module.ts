import { Module } from '@nestjs/common';
import { EthnicGroupsController, HouseholdsController } from './households.controller';
import { HouseholdsImportService } from './households-import.service';
import { HouseholdsRepository } from './households.repository';
import { HouseholdLifecycleService } from './household-lifecycle.service';
import { HouseholdMembersService } from './household-members.service';
import { HouseholdWrites } from './household-writes';
import { HouseholdsService } from './households.service';

@Module({
  controllers: [HouseholdsController, EthnicGroupsController],
  providers: [HouseholdsRepository, HouseholdWrites, HouseholdsService, HouseholdLifecycleService, HouseholdMembersService, HouseholdsImportService],
  exports: [HouseholdsRepository, HouseholdsService, HouseholdLifecycleService, HouseholdMembersService],
})
export class HouseholdsModule {}
