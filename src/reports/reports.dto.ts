import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';

export class ReportQuery {
  /** A province, district or commune code. Aggregation follows the units that were its children in that year. */
  @ApiProperty({ example: '073' })
  @IsString() @Length(1, 16)
  unit: string;

  /** The year of the periodic review (its start is the previous year's decided review). */
  @ApiProperty({ example: 2022 })
  @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year: number;
}

export class TrendQuery {
  /** A unit as it is today (or on its last day, for a unit that no longer exists). */
  @ApiProperty({ example: '073' })
  @IsString() @Length(1, 16)
  unit: string;

  @ApiProperty({ example: 2021 })
  @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  from: number;

  @ApiProperty({ example: 2025 })
  @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  to: number;
}

export const BREAKDOWN_TABLES = ['deprivations', 'target-groups', 'ethnic-groups', 'causes', 'children', 'multidimensional'] as const;
export type BreakdownTable = (typeof BREAKDOWN_TABLES)[number];
