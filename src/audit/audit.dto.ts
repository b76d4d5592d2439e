import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '../common/pagination/page';

export type { AuditItem } from './audit-item';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Entity kind, e.g. household, result, round, user' })
  @IsOptional() @IsString() @Matches(/^[a-z][a-z0-9_]{0,39}$/) entity?: string;

  @ApiPropertyOptional({ description: 'The entity id (needs `entity`)' })
  @IsOptional() @IsString() @Length(1, 64) id?: string;

  @ApiPropertyOptional({ description: 'A unit code: entries of that unit and every unit below it' })
  @IsOptional() @IsString() @Matches(/^[0-9A-Za-z._-]{1,16}$/) unit?: string;

  @ApiPropertyOptional({ description: 'Action, e.g. create, update, lockout' })
  @IsOptional() @IsString() @Matches(/^[a-z][a-z0-9_]{0,31}$/) action?: string;

  @ApiPropertyOptional({ description: 'Username of who made the change' })
  @IsOptional() @IsString() @Length(1, 64) actor?: string;

  @ApiPropertyOptional({ description: 'From this day (YYYY-MM-DD, Vietnam time) or instant (ISO 8601 with zone), inclusive' })
  @IsOptional() @IsISO8601({ strict: true }) from?: string;

  @ApiPropertyOptional({ description: 'Up to this day (YYYY-MM-DD, inclusive, Vietnam time) or instant (ISO 8601 with zone, exclusive)' })
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
}
