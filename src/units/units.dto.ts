import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, MaxLength, Min,
} from 'class-validator';
import { PageQuery } from '../common/pagination/page';
import { AREA_TYPES, AreaType, SuccessionKind, UNIT_KINDS, UNIT_LEVELS, UnitLevel } from './domain/unit-rules';

const CODE = /^[0-9A-Za-z._-]{1,16}$/;
const CODE_MESSAGE = 'mã đơn vị gồm 1–16 chữ cái, chữ số, dấu chấm, gạch ngang hoặc gạch dưới';

export class UnitListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Parent unit code' })
  @IsOptional() @IsString() @Length(1, 16) parent?: string;

  @ApiPropertyOptional({ enum: UNIT_LEVELS })
  @IsOptional() @IsIn(UNIT_LEVELS) level?: UnitLevel;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD: only the versions valid that day. Without it: every version.' })
  @IsOptional() @IsISO8601({ strict: true }) date?: string;
}

export class UnitGetQuery {
  @ApiPropertyOptional({ description: 'YYYY-MM-DD: the version valid that day and its children then (default: today)' })
  @IsOptional() @IsISO8601({ strict: true }) date?: string;
}

/** A new code with its first version (admin). */
export class CreateUnitDto {
  /** The national administrative code (mã đơn vị hành chính). */
  @ApiProperty({ example: '02299' })
  @IsString() @Matches(CODE, { message: CODE_MESSAGE }) code: string;

  @ApiProperty({ enum: UNIT_LEVELS })
  @IsIn(UNIT_LEVELS) level: UnitLevel;

  /** The name as written officially, kind included: "Xã Phúc Sơn". */
  @ApiProperty({ example: 'Xã Phúc Sơn' })
  @IsString() @Length(1, 200) name: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS) kind: string;

  /** Required for commune-level units (xã rural; phường, thị trấn urban; đặc khu either), absent otherwise. */
  @ApiPropertyOptional({ enum: AREA_TYPES, nullable: true })
  @IsOptional() @IsIn(AREA_TYPES) areaType?: AreaType | null;

  /** The parent code: none for a province. */
  @ApiPropertyOptional({ nullable: true })
  @IsOptional() @IsString() @Matches(CODE, { message: CODE_MESSAGE }) parentCode?: string | null;

  @ApiProperty({ example: '2020-01-01' })
  @IsISO8601({ strict: true }) validFrom: string;

  /** Inclusive last day; absent or null while the unit is valid. */
  @ApiPropertyOptional({ nullable: true, example: null })
  @IsOptional() @IsISO8601({ strict: true }) validTo?: string | null;
}

/** The fields a new or corrected version may set: left out, they carry over / stay as they are. */
class VersionFields {
  /** Inclusive last day; left out (new version): up to where the version it replaces ended (open if it was open). */
  @ApiPropertyOptional({ nullable: true })
  @IsOptional() @IsISO8601({ strict: true }) validTo?: string | null;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @Length(1, 200) name?: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @IsOptional() @IsIn(UNIT_KINDS) kind?: string;

  @ApiPropertyOptional({ enum: AREA_TYPES, nullable: true })
  @IsOptional() @IsIn(AREA_TYPES) areaType?: AreaType | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional() @IsString() @Matches(CODE, { message: CODE_MESSAGE }) parentCode?: string | null;
}

/**
 * A new dated version of a code from `validFrom` (admin). The version valid that day ends the day
 * before; fields left out carry over from it (send `null` to clear areaType or parentCode).
 */
export class NewVersionDto extends VersionFields {
  @ApiProperty({ example: '2024-01-01' })
  @IsISO8601({ strict: true }) validFrom: string;
}

/** A correction of one stored version (admin): fields left out stay as they are. */
export class CorrectVersionDto extends VersionFields {
  /** The `version` read with the unit (optimistic locking). */
  @ApiProperty({ example: 1 })
  @IsInt() @Min(1) version: number;

  @ApiPropertyOptional()
  @IsOptional() @IsISO8601({ strict: true }) validFrom?: string;
}

export class VersionParams {
  @ApiProperty() @IsString() @Matches(CODE, { message: CODE_MESSAGE }) code: string;

  /** The first day of the version to correct. */
  @ApiProperty({ example: '2020-01-01' }) @IsISO8601({ strict: true }) validFrom: string;
}

/** Merges and splits (admin): the units before and after a change on `effectiveDate`. */
export class SuccessionDto {
  @ApiProperty({ enum: ['merge', 'split', 'rename'] })
  @IsIn(['merge', 'split', 'rename']) kind: SuccessionKind;

  /** The first day of the successors. */
  @ApiProperty({ example: '2025-07-01' })
  @IsISO8601({ strict: true }) effectiveDate: string;

  @ApiProperty({ type: [String], example: ['02299', '02302'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @Matches(CODE, { each: true, message: CODE_MESSAGE }) predecessors: string[];

  @ApiProperty({ type: [String], example: ['02290'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @Matches(CODE, { each: true, message: CODE_MESSAGE }) successors: string[];

  /** The legal basis, e.g. "Nghị quyết 1684/NQ-UBTVQH15". */
  @ApiPropertyOptional({ nullable: true })
  @IsOptional() @IsString() @MaxLength(500) note?: string | null;
}
