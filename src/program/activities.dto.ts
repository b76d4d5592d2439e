import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { IsDateIn } from '../common/http/dto';
import { PageQuery } from '../common/pagination/page';

export const ACTIVITY_KINDS = ['training', 'conference', 'communication', 'model'] as const;

export class ParticipantsDto {
  /** Everyone who took part (lượt người). */
  @IsInt() @Min(0) @Max(10_000_000) total: number;
  @IsOptional() @IsInt() @Min(0) @Max(10_000_000) women?: number;
  @IsOptional() @IsInt() @Min(0) @Max(10_000_000) ethnicMinority?: number;
  /** Officials (cán bộ); officials + residents ≤ total. */
  @IsOptional() @IsInt() @Min(0) @Max(10_000_000) officials?: number;
  /** Residents (người dân). */
  @IsOptional() @IsInt() @Min(0) @Max(10_000_000) residents?: number;
}

export class CreateActivityDto {
  /** The unit where it was held and that reports it. */
  @IsString() @Length(1, 16) unitCode: string;
  /** A project or sub-project code, e.g. GNBV21-DA7-TDA1. */
  @IsString() @Length(1, 40) projectCode: string;
  /** training, conference, communication (event) or model (poverty-reduction model). */
  @IsIn(ACTIVITY_KINDS) kind: (typeof ACTIVITY_KINDS)[number];
  @IsString() @Length(1, 500) title: string;
  /** First day, YYYY-MM-DD. */
  @IsDateIn() date: string;
  /** Last day when it lasted several days. */
  @IsOptional() @IsDateIn() endDate?: string;
  @IsOptional() @IsString() @MaxLength(300) place?: string;
  /** Who it was for, e.g. 'Cán bộ làm công tác giảm nghèo'. */
  @IsOptional() @IsString() @MaxLength(300) targetGroup?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 1000, { each: true }) topics?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 300, { each: true }) organisers?: string[];
  @ValidateNested() @Type(() => ParticipantsDto) participants: ParticipantsDto;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class UpdateActivityDto {
  @IsInt() @Min(1) version: number;
  @IsOptional() @IsString() @Length(1, 16) unitCode?: string;
  @IsOptional() @IsString() @Length(1, 40) projectCode?: string;
  @IsOptional() @IsIn(ACTIVITY_KINDS) kind?: (typeof ACTIVITY_KINDS)[number];
  @IsOptional() @IsString() @Length(1, 500) title?: string;
  @IsOptional() @IsDateIn() date?: string;
  @IsOptional() @IsDateIn() endDate?: string;
  @IsOptional() @IsString() @MaxLength(300) place?: string;
  @IsOptional() @IsString() @MaxLength(300) targetGroup?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 1000, { each: true }) topics?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 300, { each: true }) organisers?: string[];
  @IsOptional() @ValidateNested() @Type(() => ParticipantsDto) participants?: ParticipantsDto;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ActivityQuery extends PageQuery {
  /** A unit: its activities and those of the units below it (in `year` when given). */
  @IsOptional() @IsString() @Length(1, 16) unit?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  /** A project: its activities and those of its sub-projects. */
  @IsOptional() @IsString() @Length(1, 40) project?: string;
  @IsOptional() @IsIn(ACTIVITY_KINDS) kind?: (typeof ACTIVITY_KINDS)[number];
}
