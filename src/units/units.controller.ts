import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { CorrectVersionDto, CreateUnitDto, NewVersionDto, SuccessionDto, UnitGetQuery, UnitListQuery, VersionParams } from './units.dto';
import { UnitsService } from './units.service';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  /** Units filtered by parent, level and date (without date: every version of every unit). */
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: UnitListQuery) {
    return this.units.list(user, q);
  }

  /**
   * Records a merge, split or rename (admin): `predecessors` → `successors` from `effectiveDate`.
   * The units and their versions must exist first.
   */
  @Post('successions')
  @Roles('admin')
  addSuccession(@CurrentUser() user: AuthUser, @Body() dto: SuccessionDto) {
    return this.units.addSuccession(user, dto);
  }

  /**
   * One unit: the version valid on `date` (default today), its children then, all its versions
   * (with the `version` to send back when correcting one), its predecessors and successors.
   */
  @Get(':code')
  get(@CurrentUser() user: AuthUser, @Param('code') code: string, @Query() q: UnitGetQuery) {
    return this.units.get(user, code, q.date);
  }

  /** A new code with its first version (admin). */
  @Post()
  @Roles('admin')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateUnitDto) {
    return this.units.create(user, dto);
  }

  /**
   * A new dated version of a code (admin): the version valid on `validFrom` ends the day before;
   * fields left out carry over. A commune moving district, a xã becoming a phường, a rename.
   */
  @Post(':code/versions')
  @Roles('admin')
  newVersion(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() dto: NewVersionDto) {
    return this.units.newVersion(user, code, dto);
  }

  /** Corrects the version of a code that starts on `validFrom` (admin; body carries `version`). */
  @Patch(':code/versions/:validFrom')
  @Roles('admin')
  correctVersion(@CurrentUser() user: AuthUser, @Param() p: VersionParams, @Body() dto: CorrectVersionDto) {
    return this.units.correctVersion(user, p.code, p.validFrom, dto);
  }
}
