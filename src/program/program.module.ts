import { Module } from '@nestjs/common';
import { ActivitiesController } from './activities.controller';
import { ActivitiesRepository } from './activities.repository';
import { ActivitiesService } from './activities.service';
import { BeneficiariesController } from './beneficiaries.controller';
import { BeneficiariesRepository } from './beneficiaries.repository';
import { BeneficiariesService } from './beneficiaries.service';
import { FundsController } from './funds.controller';
import { FundsRepository } from './funds.repository';
import { FundsService } from './funds.service';
import { ProgramCommonService } from './program-common.service';
import { ProgramRepository } from './program.repository';
import { ApplicabilityController, ProgramProjectsController, ProgramsController } from './programs.controller';
import { ProgramsService } from './programs.service';
import { ProgressController } from './progress.controller';
import { ProgressRepository } from './progress.repository';
import { ProgressService } from './progress.service';

/** The National Target Program: programs and projects, applicability, funds, activities, supported households, progress. */
@Module({
  controllers: [
    ProgramsController, ProgramProjectsController, ApplicabilityController, FundsController, ActivitiesController,
    BeneficiariesController, ProgressController,
  ],
  providers: [
    ProgramRepository, FundsRepository, ActivitiesRepository, BeneficiariesRepository, ProgressRepository,
    ProgramCommonService, ProgramsService, FundsService, ActivitiesService, BeneficiariesService, ProgressService,
  ],
  exports: [ProgramsService, BeneficiariesRepository, ProgressService],
})
export class ProgramModule {}
