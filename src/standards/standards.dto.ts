import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type, Transform } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { PageQuery } from '../common/pagination/page';

import { Nfc } from '../common/http/dto';


const INDICATOR_KEY = /^[a-z][A-Za-z0-9]{1,31}$/;

export class StandardListQuery extends PageQuery {
  /** Only the standards that apply to this list year. */
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) listYear?: number;
  /** Only this province's local standards. */
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 16) province?: string;
  /** `national` or `local`; default both. */
  @ApiPropertyOptional({ enum: ['national', 'local'] }) @IsOptional() @IsIn(['national', 'local']) kind?: 'national' | 'local';
}

/** POST /api/standards/classify (docs/API.md "Classification"). */
export class ClassifyDto {
  /** The list year: the standard is chosen by it (docs/RULES.md §1). */
  @ApiProperty({ example: 2023 }) @IsInt() @Min(2000) @Max(2100) listYear: number;
  @ApiProperty({ enum: ['rural', 'urban'] }) @IsIn(['rural', 'urban']) areaType: 'rural' | 'urban';
  /** Income per person per month, whole VND. */
  @ApiPropertyOptional({ example: 1400000 }) @IsOptional() @IsInt() @Min(0) @Max(1_000_000_000) incomePerCapita?: number;
  /** Phiếu B1 total score: decides when the standard has a B1 cut-off. */
  @ApiPropertyOptional({ example: 120 }) @IsOptional() @IsInt() @Min(0) @Max(100_000) b1Score?: number;
  /** Deprived indicator keys (Phiếu B2). */
  @ApiPropertyOptional({ type: [String], example: ['healthInsurance', 'housingArea', 'water'] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(32, { each: true })
  deprivations?: string[];
  /** With a province code the answer adds the province's local classification where one exists. */
  @ApiPropertyOptional({ example: '08' }) @IsOptional() @IsString() @Length(1, 16) provinceCode?: string;
  /** Classify under this standard instead of the list year's (an explicit re-classification). */
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 32) standard?: string;
}

export class StandardLineDto {
  @ApiProperty({ enum: ['rural', 'urban'] }) @IsIn(['rural', 'urban']) areaType: 'rural' | 'urban';
  @ApiProperty() @IsInt() @Min(1) @Max(1_000_000_000) incomeLine: number;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(1_000_000_000) averageUpper?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(100_000) b1Cutoff?: number | null;
}

export class PutLineDto {
  @ApiProperty() @IsInt() @Min(1) @Max(1_000_000_000) incomeLine: number;
  /** null: the standard publishes no average band (income above the line is then `above`). */
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(1_000_000_000) averageUpper?: number | null;
  /** null: Phiếu B1 scores cannot be used under this standard in this area. */
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(100_000) b1Cutoff?: number | null;
  /** The standard's version (optimistic locking). */
  @ApiProperty() @IsInt() @Min(1) @Max(2_147_483_647) version: number;
}

/** A new national standard, or a province's local standard (provinceCode + nationalCode). */
export class CreateStandardDto {
  @ApiProperty({ example: 'TQ-2022' }) @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$/) code: string;
  @ApiProperty() @Nfc() @IsString() @Length(1, 300) title: string;
  @ApiProperty() @Nfc() @IsString() @Length(1, 200) decree: string;
  @ApiProperty() @IsInt() @Min(2000) @Max(2100) listYearFrom: number;
  @ApiProperty() @IsInt() @Min(2000) @Max(2100) listYearTo: number;
  @ApiPropertyOptional({ default: 3 }) @IsOptional() @IsInt() @Min(1) @Max(20) deprivationCutoff?: number;
  @ApiPropertyOptional({ default: 10 }) @IsOptional() @IsInt() @Min(1) @Max(100) b2PointsPerIndicator?: number;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() provisional?: boolean;
  /** For a local standard: the province that defines it. */
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 16) provinceCode?: string;
  /** For a local standard: the national standard it sits beside (its indicators are used). */
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 32) nationalCode?: string;
  @ApiProperty({ type: [StandardLineDto] }) @IsArray() @ArrayMaxSize(2) @ValidateNested({ each: true }) @Type(() => StandardLineDto)
  lines: StandardLineDto[];
  /** A national standard copies its dimensions and indicators from this one (default: none). */
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 32) copyIndicatorsFrom?: string;
}

export class UpdateStandardDto {
  @ApiPropertyOptional() @Nfc() @IsOptional() @IsString() @Length(1, 300) title?: string;
  @ApiPropertyOptional() @Nfc() @IsOptional() @IsString() @Length(1, 200) decree?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(2000) @Max(2100) listYearFrom?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(2000) @Max(2100) listYearTo?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(20) deprivationCutoff?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100) b2PointsPerIndicator?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() provisional?: boolean;
  @ApiProperty() @IsInt() @Min(1) @Max(2_147_483_647) version: number;
}

export class PutDimensionDto {
  @ApiProperty() @Nfc() @IsString() @Length(1, 200) nameVi: string;
  @ApiProperty() @Nfc() @IsString() @Length(1, 200) nameEn: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100) sortOrder?: number;
  @ApiProperty() @IsInt() @Min(1) @Max(2_147_483_647) version: number;
}

export class PutIndicatorDto {
  @ApiProperty() @Nfc() @IsString() @Length(1, 200) nameVi: string;
  @ApiProperty() @Nfc() @IsString() @Length(1, 200) nameEn: string;
  /** The dimension key the indicator belongs to. */
  @ApiProperty() @IsString() @Length(1, 32) dimension: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100) sortOrder?: number;
  @ApiProperty() @IsInt() @Min(1) @Max(2_147_483_647) version: number;
}

export class VersionQuery {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) @Max(2_147_483_647) version: number;
}

export { INDICATOR_KEY };
