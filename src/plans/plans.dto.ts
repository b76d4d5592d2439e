import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsPositive, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../common/pagination/page';

export class PlanBody {
  /** The planned reduction of the poor-household rate: percentage points (e.g. 4.32) or a number of households. */
  @ApiProperty({ example: 4.32 })
  @IsNumber({ maxDecimalPlaces: 2 }) @IsPositive() @Max(1_000_000)
  target: number;

  /** `points`: percentage points of the poor-household rate; `households`: poor households fewer. */
  @ApiProperty({ enum: ['points', 'households'] })
  @IsIn(['points', 'households'])
  unit: 'points' | 'households';

  @ApiPropertyOptional({ description: 'The plan document or any remark (Kế hoạch số …)' })
  @IsOptional() @IsString() @MaxLength(500)
  note?: string;

  /** When updating: the version read (optimistic locking); a stale version is 409 VERSION_CONFLICT. */
  @ApiPropertyOptional()
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class PlanListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'A unit: its plans and those of every unit below it' })
  @IsOptional() @IsString() @Length(1, 16)
  unit?: string;

  @ApiPropertyOptional()
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year?: number;
}

export interface PlanView {
  unitCode: string;
  unitName: string | null;
  year: number;
  target: number;
  unit: 'points' | 'households';
  note: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}
