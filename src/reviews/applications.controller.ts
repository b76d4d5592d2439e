import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { ApplicationListQuery, CreateApplicationDto, UpdateApplicationDto } from './applications.dto';
import { ApplicationsService } from './applications.service';

/** Mẫu 01 (asks to be reviewed) and Mẫu 04 (asks to be recognised as escaped), Decision 24/2021 Art. 5. */
@ApiTags('review applications')
@ApiBearerAuth()
@Controller('review-applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @Roles('admin', 'commune')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateApplicationDto) {
    return this.applications.create(user, dto);
  }

  /** Filter by commune, unit, status, form, round, household; `overdue=true` lists those past their deadline. */
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: ApplicationListQuery) {
    return this.applications.list(user, q);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.applications.get(user, id);
  }

  /** Put it on a round's list, or refuse it with the written answer. */
  @Patch(':id')
  @Roles('admin', 'commune')
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateApplicationDto) {
    return this.applications.update(user, id, dto);
  }
}
