import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { ProgressQuery } from './progress.dto';
import { ProgressService } from './progress.service';

@ApiTags('program')
@ApiBearerAuth()
@Controller('program')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  /**
   * Per project and sub-project in a unit (with the units below it) and year: allocated, disbursed,
   * rate; activities and participants; households supported by group; how many left poverty at the
   * year's periodic review.
   */
  @Get('progress')
  get(@CurrentUser() user: AuthUser, @Query() q: ProgressQuery) {
    return this.progress.progress(user, q);
  }
}
