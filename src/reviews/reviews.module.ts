import { Module } from '@nestjs/common';
import { StandardsModule } from '../standards/standards.module';
import { ApplicationsController } from './applications.controller';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationsService } from './applications.service';
import { DecisionRepository } from './decision.repository';
import { DecisionService } from './decision.service';
import { FieldFormsController } from './field-forms.controller';
import { FieldFormsService } from './field-forms.service';
import { ListsRepository } from './lists.repository';
import { ListsService } from './lists.service';
import { ResultsController } from './results.controller';
import { ResultsImportService } from './results-import.service';
import { ResultsRepository } from './results.repository';
import { ResultsService } from './results.service';
import { RoundsController } from './rounds.controller';
import { RoundsRepository } from './rounds.repository';
import { RoundsService } from './rounds.service';

@Module({
  imports: [StandardsModule],
  controllers: [RoundsController, ResultsController, FieldFormsController, ApplicationsController],
  providers: [
    RoundsRepository, RoundsService, ResultsRepository, ResultsService, ResultsImportService, DecisionRepository, DecisionService,
    ListsRepository, ListsService, FieldFormsService, ApplicationsRepository, ApplicationsService,
  ],
  exports: [RoundsService, ResultsService, DecisionService, DecisionRepository, ApplicationsService],
})
export class ReviewsModule {}
