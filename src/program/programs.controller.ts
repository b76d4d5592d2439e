import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import {
  ApplicabilityQuery, CreateApplicabilityDto, CreateProgramDto, CreateProjectDto, DeleteQuery, ProgramListQuery, UpdateProgramDto,
  UpdateProjectDto,
} from './programs.dto';
import { ProgramsService } from './programs.service';

@ApiTags('program')
@ApiBearerAuth()
@Controller('programs')
export class ProgramsController {
  constructor(private readonly programs: ProgramsService) {}

  /** The programs with their targets, projects and sub-projects nested (`code`, `name`, `number`…). */
  @Get()
  list(@Query() q: ProgramListQuery) {
    return this.programs.list(q);
  }

  @Get(':code')
  get(@Param('code') code: string) {
    return this.programs.get(code);
  }

  /** A new program (e.g. the 2026–2035 merged program's successor). Admin only. */
  @Roles('admin')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateProgramDto) {
    return this.programs.create(user, dto);
  }

  @Roles('admin')
  @Patch(':code')
  update(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() dto: UpdateProgramDto) {
    return this.programs.update(user, code, dto);
  }

  /** Only a program without components or projects. */
  @Roles('admin')
  @Delete(':code')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('code') code: string, @Query() q: DeleteQuery) {
    return this.programs.remove(user, code, q.version);
  }

  /** Adds a component, project or sub-project. Admin only. */
  @Roles('admin')
  @Post(':code/projects')
  addProject(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() dto: CreateProjectDto) {
    return this.programs.createProject(user, code, dto);
  }
}

@ApiTags('program')
@ApiBearerAuth()
@Controller('program-projects')
export class ProgramProjectsController {
  constructor(private readonly programs: ProgramsService) {}

  /** One node with its labels and its effective beneficiary rule. */
  @Get(':code')
  get(@Param('code') code: string) {
    return this.programs.getProject(code);
  }

  @Roles('admin')
  @Patch(':code')
  update(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() dto: UpdateProjectDto) {
    return this.programs.updateProject(user, code, dto);
  }

  /** Only a node nothing refers to (no sub-projects, funds, activities or supported households). */
  @Roles('admin')
  @Delete(':code')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('code') code: string, @Query() q: DeleteQuery) {
    return this.programs.removeProject(user, code, q.version);
  }
}

@ApiTags('program')
@ApiBearerAuth()
@Controller('program-applicability')
export class ApplicabilityController {
  constructor(private readonly programs: ProgramsService) {}

  /** For each project of the year's programs: whether it applies to the unit, and the settings in its area. */
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: ApplicabilityQuery) {
    return this.programs.applicability(user, q);
  }

  /** Marks a project (not) applicable for a unit and the units below it, for some years. */
  @Roles('admin', 'province', 'district')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateApplicabilityDto) {
    return this.programs.setApplicability(user, dto);
  }

  @Roles('admin', 'province', 'district')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.programs.removeApplicability(user, id);
  }
}
