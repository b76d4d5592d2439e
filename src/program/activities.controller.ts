import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ActivityQuery, CreateActivityDto, UpdateActivityDto } from './activities.dto';
import { ActivitiesService } from './activities.service';
import { DeleteQuery } from './programs.dto';

@ApiTags('program')
@ApiBearerAuth()
@Controller('program-activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  /** Activities in a unit and the units below it (`date`, `title`, `projectCode`, `participants`…). */
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: ActivityQuery) {
    return this.activities.list(user, q);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.activities.get(user, id);
  }

  @Roles('admin', 'province', 'district')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateActivityDto) {
    return this.activities.create(user, dto);
  }

  @Roles('admin', 'province', 'district')
  @Patch(':id')
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateActivityDto) {
    return this.activities.update(user, id, dto);
  }

  @Roles('admin', 'province', 'district')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Query() q: DeleteQuery) {
    return this.activities.remove(user, id, q.version);
  }
}
