import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min,
  ValidateIf, ValidateNested,
} from 'class-validator';
import { IsDateIn, Nfc } from '../common/http/dto';
import { PageQuery } from '../common/pagination/page';

const CODE = /^[0-9A-Za-z._-]+$/;
export const GROUPS = ['poor', 'near_poor', 'recently_escaped', 'other'] as const;
export const PROJECT_KINDS = ['component', 'project', 'sub_project'] as const;
export const TARGET_UNITS = ['points_per_year', 'percent', 'count', 'multiple', 'vnd_billion'] as const;

export class ProgramListQuery extends PageQuery {
  /** Only the programs running in this year. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
}

export class PhaseDto {
  /** 'Giai đoạn I' */
  @Nfc() @IsString() @Length(1, 100) name: string;
  @IsInt() @Min(2000) @Max(2100) yearFrom: number;
  @IsInt() @Min(2000) @Max(2100) yearTo: number;
  @IsOptional() @Nfc() @IsString() @MaxLength(200) decision?: string;
  @IsOptional() @IsDateIn() decisionDate?: string;
}

export class TargetDto {
  @IsString() @Matches(CODE) @Length(1, 40) code: string;
  @Nfc() @IsString() @Length(1, 500) description: string;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsNumber() valueMin?: number | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsNumber() valueMax?: number | null;
  @IsIn(TARGET_UNITS) unit: (typeof TARGET_UNITS)[number];
  @IsOptional() @Nfc() @IsString() @MaxLength(1000) note?: string;
}

export class CreateProgramDto {
  @IsString() @Matches(CODE) @Length(1, 40) code: string;
  @Nfc() @IsString() @Length(1, 500) name: string;
  @IsOptional() @Nfc() @IsString() @MaxLength(200) shortName?: string;
  /** The investment decision (e.g. the National Assembly's resolution). */
  @IsOptional() @Nfc() @IsString() @MaxLength(300) investmentBasis?: string;
  /** The approving decision, e.g. 'Quyết định 417/QĐ-BNNMT'. */
  @IsOptional() @Nfc() @IsString() @MaxLength(200) decision?: string;
  @IsOptional() @IsDateIn() decisionDate?: string;
  @IsInt() @Min(2000) @Max(2100) yearFrom: number;
  @IsInt() @Min(2000) @Max(2100) yearTo: number;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => PhaseDto) phases?: PhaseDto[];
  @IsOptional() @Nfc() @IsString() @MaxLength(2000) note?: string;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => TargetDto) targets?: TargetDto[];
}

export class UpdateProgramDto {
  @IsInt() @Min(1) version: number;
  @IsOptional() @Nfc() @IsString() @Length(1, 500) name?: string;
  @IsOptional() @Nfc() @IsString() @MaxLength(200) shortName?: string;
  @IsOptional() @Nfc() @IsString() @MaxLength(300) investmentBasis?: string;
  @IsOptional() @Nfc() @IsString() @MaxLength(200) decision?: string;
  @IsOptional() @IsDateIn() decisionDate?: string;
  @IsOptional() @IsInt() @Min(2000) @Max(2100) yearFrom?: number;
  @IsOptional() @IsInt() @Min(2000) @Max(2100) yearTo?: number;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => PhaseDto) phases?: PhaseDto[];
  @IsOptional() @Nfc() @IsString() @MaxLength(2000) note?: string;
  /** When given, replaces the program's targets. */
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => TargetDto) targets?: TargetDto[];
}

export class CreateProjectDto {
  @IsString() @Matches(CODE) @Length(1, 40) code: string;
  /** component (Hợp phần), project (Dự án) or sub_project (Tiểu dự án). */
  @IsIn(PROJECT_KINDS) kind: (typeof PROJECT_KINDS)[number];
  @IsInt() @Min(1) @Max(99) number: number;
  @Nfc() @IsString() @Length(1, 500) name: string;
  /** The node it belongs to (a component or a project); omitted for a top-level node. */
  @IsOptional() @IsString() @Length(1, 40) parentCode?: string;
  /**
   * The household groups this node may support: [] for none (infrastructure, capacity building),
   * null or omitted to inherit from the parent (default: poor, near-poor, recently escaped).
   */
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsArray() @ArrayUnique() @IsIn(GROUPS, { each: true })
  beneficiaryGroups?: (typeof GROUPS)[number][] | null;
  @IsOptional() @Nfc() @IsString() @MaxLength(2000) note?: string;
}

export class UpdateProjectDto {
  @IsInt() @Min(1) version: number;
  @IsOptional() @IsInt() @Min(1) @Max(99) number?: number;
  @IsOptional() @Nfc() @IsString() @Length(1, 500) name?: string;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsArray() @ArrayUnique() @IsIn(GROUPS, { each: true })
  beneficiaryGroups?: (typeof GROUPS)[number][] | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @Nfc() @IsString() @MaxLength(2000) note?: string | null;
}

export class ApplicabilityQuery {
  /** The unit whose effective settings are wanted. */
  @IsString() @Length(1, 16) unit: string;
  @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year: number;
}

export class CreateApplicabilityDto {
  @IsString() @Length(1, 40) projectCode: string;
  @IsString() @Length(1, 16) unitCode: string;
  @IsBoolean() applicable: boolean;
  /** First and last year the setting holds (inclusive); omitted: open-ended. */
  @IsOptional() @IsInt() @Min(2000) @Max(2100) yearFrom?: number;
  @IsOptional() @IsInt() @Min(2000) @Max(2100) yearTo?: number;
  /** Required when not applicable, e.g. 'Không phải huyện nghèo'. */
  @IsOptional() @Nfc() @IsString() @MaxLength(1000) reason?: string;
}

export class DeleteQuery {
  @ApiProperty({ description: 'The version read (required); a stale one is 409 VERSION_CONFLICT' })
  @Type(() => Number) @IsInt() @Min(1) @Max(2_147_483_647) version: number;
}
