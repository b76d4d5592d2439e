import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery } from '../common/pagination/page';

export class UnitListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Parent unit code' })
  @IsOptional() @IsString() @Length(1, 16) parent?: string;

  @ApiPropertyOptional({ enum: ['province', 'district', 'commune', 'village'] })
  @IsOptional() @IsIn(['province', 'district', 'commune', 'village']) level?: 'province' | 'district' | 'commune' | 'village';

  @ApiPropertyOptional({ description: 'YYYY-MM-DD: only the versions valid that day. Without it: every version.' })
  @IsOptional() @IsISO8601({ strict: true }) date?: string;
}

export class UnitGetQuery {
  @ApiPropertyOptional({ description: 'YYYY-MM-DD: the version valid that day and its children then (default: today)' })
  @IsOptional() @IsISO8601({ strict: true }) date?: string;
}
