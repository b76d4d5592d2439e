import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';

/** ?unit=CODE&year=YYYY (year = the year of the periodic review, docs/API.md). */
export class UnitYearQuery {
  @ApiProperty({ description: 'Unit code (commune, district or province)', example: '073' })
  @IsString() @Length(1, 16) unit: string;

  @ApiProperty({ description: 'Year of the periodic review', example: 2022 })
  @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year: number;
}

export class HouseholdListQuery extends UnitYearQuery {
  @ApiProperty({ enum: ['poor', 'near_poor'], description: 'poor: table 14 (hộ nghèo); near_poor: table 15 (hộ cận nghèo)' })
  @IsIn(['poor', 'near_poor']) class: 'poor' | 'near_poor';
}
