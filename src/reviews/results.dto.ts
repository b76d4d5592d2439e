import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min,
} from 'class-validator';
import { PageQuery } from '../common/pagination/page';
import { POVERTY_CLASSES, PovertyClass } from '../standards/domain/classify';
import { SUPPORT_NEED_KEYS } from './domain/result';

import { Nfc } from '../common/http/dto';


const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/**
 * One household's result in a round (PUT replaces it whole). Give the Phiếu B1 total and/or the
 * income; `deprivations` are the Phiếu B2 ticks (omit them to let the member data decide).
 */
export class PutResultDto {
  /** The result's version when replacing an existing one (optimistic locking); omit to create. */
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(2_147_483_647) version?: number;
  /** Phiếu A outcome: `screened_out` = not surveyed further (not poor or near-poor). */
  @ApiPropertyOptional({ enum: ['screened_out', 'passed'], nullable: true }) @IsOptional() @IsIn(['screened_out', 'passed']) quickScreen?: 'screened_out' | 'passed' | null;
  /** Phiếu B1 total score. */
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(100_000) b1Score?: number | null;
  /** Income per person per month, whole VND. */
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(1_000_000_000) incomePerCapita?: number | null;
  /** Phiếu B2: the deprived indicator keys ticked by the enumerator. */
  @ApiPropertyOptional({ type: [String], nullable: true })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(32, { each: true }) deprivations?: string[] | null;
  /** Recognised as a farm/forestry/fishery household with an average living standard (Phiếu C). */
  @ApiPropertyOptional() @IsOptional() @IsBoolean() farmAverage?: boolean;
  /** Causes of poverty, codes 1–8. */
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(8) @IsInt({ each: true }) @Min(1, { each: true }) @Max(8, { each: true }) causes?: number[];
  /** Support needs. */
  @ApiPropertyOptional({ type: [String], enum: SUPPORT_NEED_KEYS }) @IsOptional() @IsArray() @ArrayUnique() @IsIn(SUPPORT_NEED_KEYS, { each: true }) supportNeeds?: string[];
  /** The class the commune meeting decided, when it differs from the computed one. */
  @ApiPropertyOptional({ enum: POVERTY_CLASSES }) @IsOptional() @IsIn(POVERTY_CLASSES as string[]) decidedClass?: PovertyClass;
  /** Required with an override. */
  @ApiPropertyOptional() @Nfc() @IsOptional() @IsString() @Length(3, 1000) overrideReason?: string;
}

export class ResultListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: POVERTY_CLASSES }) @IsOptional() @IsIn(POVERTY_CLASSES as string[]) class?: PovertyClass;
  @ApiPropertyOptional({ enum: POVERTY_CLASSES }) @IsOptional() @IsIn(POVERTY_CLASSES as string[]) computedClass?: PovertyClass;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 16) village?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean() overridden?: boolean;
  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean() farmAverage?: boolean;
  /** Only results deprived in this indicator. */
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 32) deprivation?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(8) cause?: number;
}

export class DeleteResultQuery {
  @ApiPropertyOptional() @Type(() => Number) @IsInt() @Min(1) @Max(2_147_483_647) version: number;
}
