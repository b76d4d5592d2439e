import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type, Transform } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Length, Max, Min, ValidateNested,
} from 'class-validator';
import { PageQuery } from '../common/pagination/page';
import { ROUND_STATUSES } from './domain/round-state';

import { Nfc } from '../common/http/dto';


const DATE = { strict: true } as const;

export class CreateRoundDto {
  @ApiProperty({ example: '02287' }) @IsString() @Length(1, 16) communeCode: string;
  /** The year the review is held (a periodic review of Y makes the list of Y+1). */
  @ApiProperty({ example: 2023 }) @IsInt() @Min(2000) @Max(2100) year: number;
  /** `periodic` (once a year, 1 Sep – 14 Dec) or `regular` (monthly, from the 15th). Baselines are imported. */
  @ApiProperty({ enum: ['periodic', 'regular'] }) @IsIn(['periodic', 'regular']) kind: 'periodic' | 'regular';
  /** The month of a regular round. */
  @ApiPropertyOptional({ minimum: 1, maximum: 12 }) @IsOptional() @IsInt() @Min(1) @Max(12) month?: number;
  /** The commune's total resident households at review time (the rate's denominator). */
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10_000_000) totalHouseholds?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100_000_000) totalPersons?: number;
  /** Whether the district chairman's opinion is needed before the decision (default: by the date rule). */
  @ApiPropertyOptional() @IsOptional() @IsBoolean() opinionRequired?: boolean;
  /** Who gives the opinion when one is required after the reform. */
  @ApiPropertyOptional() @Nfc() @IsOptional() @IsString() @Length(1, 200) opinionBy?: string;
  @ApiPropertyOptional() @Nfc() @IsOptional() @IsString() @Length(1, 2000) note?: string;
}

export class UpdateRoundDto {
  @ApiProperty() @IsInt() @Min(1) @Max(2_147_483_647) version: number;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(10_000_000) totalHouseholds?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(100_000_000) totalPersons?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() opinionRequired?: boolean;
  @ApiPropertyOptional() @Nfc() @IsOptional() @IsString() @Length(1, 200) opinionBy?: string;
  @ApiPropertyOptional() @Nfc() @IsOptional() @IsString() @Length(0, 2000) note?: string;
}

export class RoundListQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 16) commune?: string;
  /** Any unit: the rounds of the communes below it. */
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 16) unit?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) listYear?: number;
  @ApiPropertyOptional({ enum: ['periodic', 'regular', 'baseline'] }) @IsOptional() @IsIn(['periodic', 'regular', 'baseline']) kind?: 'periodic' | 'regular' | 'baseline';
  @ApiPropertyOptional({ enum: ROUND_STATUSES }) @IsOptional() @IsIn(ROUND_STATUSES as string[]) status?: (typeof ROUND_STATUSES)[number];
}

export class OverdueQuery extends PageQuery {
  /** The day to judge by (default today). */
  @ApiPropertyOptional() @IsOptional() @IsISO8601(DATE) date?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 16) commune?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 16) unit?: string;
}

class VersionedDto {
  /** The round's version (optimistic locking). */
  @ApiProperty() @IsInt() @Min(1) @Max(2_147_483_647) version: number;
}

/** draft → surveying. */
export class StartRoundDto extends VersionedDto {
  /** The day the survey starts (default: today; a regular round: the 15th). */
  @ApiPropertyOptional() @IsOptional() @IsISO8601(DATE) date?: string;
}

/** surveying → meeting (≥ 50 % agreement) or back to surveying. */
export class MeetingDto extends VersionedDto {
  @ApiProperty() @IsISO8601(DATE) date: string;
  /** Share of attendees agreeing with the results, %. */
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(100) agreementPct: number;
  /** Reference of the minutes (biên bản). */
  @ApiPropertyOptional() @Nfc() @IsOptional() @IsString() @Length(1, 100) minutesRef?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100_000) attendees?: number;
}

/** meeting → posted, or posted → posted (re-posting after a re-check). */
export class PostingDto extends VersionedDto {
  @ApiProperty() @IsISO8601(DATE) start: string;
  /** Default: the third working day. */
  @ApiPropertyOptional() @IsOptional() @IsISO8601(DATE) end?: string;
}

/** posted → opinion: the district chairman's opinion (Decision 24 Art. 4.5). */
export class OpinionDto extends VersionedDto {
  @ApiProperty() @IsISO8601(DATE) date: string;
  @ApiProperty() @Nfc() @IsString() @Length(1, 100) ref: string;
  @ApiPropertyOptional({ default: 'Chủ tịch UBND cấp huyện' }) @Nfc() @IsOptional() @IsString() @Length(1, 200) by?: string;
}

/** → decided: the commune chairman's decision. */
export class DecideDto extends VersionedDto {
  @ApiProperty({ example: '125/QĐ-UBND' }) @Nfc() @IsString() @Length(1, 50) decisionNumber: string;
  @ApiProperty() @IsISO8601(DATE) decisionDate: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10_000_000) totalHouseholds?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100_000_000) totalPersons?: number;
}

export class ReportDto extends VersionedDto {}

/** Re-classifies an open round's results (the round's version: an explicit action on the round). */
export class ReclassifyDto extends VersionedDto {}

export class CreateComplaintDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(2_147_483_647) householdId?: number;
  @ApiProperty() @IsISO8601(DATE) receivedOn: string;
  @ApiProperty() @Nfc() @IsString() @Length(1, 4000) content: string;
}

export class RecheckComplaintDto {
  @ApiProperty() @IsInt() @Min(1) @Max(2_147_483_647) version: number;
  /** The re-check (phúc tra), within 3 working days. */
  @ApiProperty() @IsISO8601(DATE) recheckedOn: string;
  @ApiProperty() @Nfc() @IsString() @Length(1, 4000) outcome: string;
}

export class BaselineHouseholdDto {
  /** The household code in the commune (or householdId). */
  @ApiPropertyOptional() @Nfc() @IsOptional() @IsString() @Length(1, 32) code?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(2_147_483_647) householdId?: number;
  @ApiProperty({ enum: ['poor', 'near_poor'] }) @IsIn(['poor', 'near_poor']) class: 'poor' | 'near_poor';
  @ApiPropertyOptional() @Nfc() @IsOptional() @IsString() @Length(1, 50) certificateNumber?: string;
}

/** Last year's decided lists as a decided baseline round (docs/RULES.md §3). */
export class BaselineDto {
  @ApiProperty() @IsString() @Length(1, 16) communeCode: string;
  /** The year of the review that made the list (its list year is year + 1). */
  @ApiProperty() @IsInt() @Min(2000) @Max(2100) year: number;
  @ApiProperty() @Nfc() @IsString() @Length(1, 50) decisionNumber: string;
  @ApiProperty() @IsISO8601(DATE) decisionDate: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10_000_000) totalHouseholds?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100_000_000) totalPersons?: number;
  @ApiProperty({ type: [BaselineHouseholdDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50_000) @ValidateNested({ each: true }) @Type(() => BaselineHouseholdDto)
  households: BaselineHouseholdDto[];
}

export class ListQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 16) village?: string;
}

export class MovementQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['poor', 'near_poor'] }) @IsOptional() @IsIn(['poor', 'near_poor']) side?: 'poor' | 'near_poor';
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 16) move?: string;
}
