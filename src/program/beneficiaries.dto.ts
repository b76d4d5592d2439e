import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../common/pagination/page';
import { GROUPS } from './programs.dto';

export const SUPPORT_TYPES = ['livelihood_model', 'production_support', 'housing', 'vocational_training', 'job_placement',
  'health_insurance', 'communication'] as const;
const MAX_AMOUNT = 1_000_000_000_000;

export class CreateBeneficiaryDto {
  @IsInt() @Min(1) householdId: number;
  /** A project or sub-project code, e.g. GNBV21-DA3-TDA1. */
  @IsString() @Length(1, 40) projectCode: string;
  @IsIn(SUPPORT_TYPES) supportType: (typeof SUPPORT_TYPES)[number];
  /** Whole VND (0 for support in kind without a value). */
  @IsInt() @Min(0) @Max(MAX_AMOUNT) amount: number;
  /** Date of the support, YYYY-MM-DD; its year is the list year the household is checked against. */
  @IsISO8601({ strict: true }) date: string;
  @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class UpdateBeneficiaryDto {
  @IsInt() @Min(1) version: number;
  @IsOptional() @IsString() @Length(1, 40) projectCode?: string;
  @IsOptional() @IsIn(SUPPORT_TYPES) supportType?: (typeof SUPPORT_TYPES)[number];
  @IsOptional() @IsInt() @Min(0) @Max(MAX_AMOUNT) amount?: number;
  @IsOptional() @IsISO8601({ strict: true }) date?: string;
  @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class EligibilityQuery {
  @Type(() => Number) @IsInt() @Min(1) @Max(2_147_483_647) household: number;
  @IsString() @Length(1, 40) project: string;
  @IsISO8601({ strict: true }) date: string;
}

export class BeneficiaryQuery extends PageQuery {
  /** A unit: the households supported there and in the units below it (in `year` when given). */
  @IsOptional() @IsString() @Length(1, 16) unit?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  /** A project: with its sub-projects. */
  @IsOptional() @IsString() @Length(1, 40) project?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(2_147_483_647) household?: number;
  @IsOptional() @IsIn(GROUPS) group?: (typeof GROUPS)[number];
}
