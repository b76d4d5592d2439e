import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min,
  registerDecorator, ValidateIf, ValidateNested, ValidationOptions,
} from 'class-validator';
import { isIsoDate } from './domain/member';
import { PageQuery } from '../common/pagination/page';
import {
  DISABILITIES, Disability, EDUCATION_LEVELS, EducationLevel, EMPLOYMENTS, Employment, END_STATUSES, EndStatus,
  HOUSEHOLD_STATUSES, Relation, RELATIONS, Sex, SEXES,
} from './domain/vocabulary';

/** An `int` column's range. */
const INT_MAX = 2_147_483_647;

/** A real calendar date YYYY-MM-DD between 1900 and 2100 (2023-02-30 is refused here, not by PostgreSQL). */
function IsDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate', target: object.constructor, propertyName, options,
      validator: {
        validate: (v: unknown) => typeof v === 'string' && isIsoDate(v) && v >= '1900-01-01' && v <= '2100-12-31',
        defaultMessage: () => `${propertyName} must be a date YYYY-MM-DD between 1900 and 2100`,
      },
    });
}

/**
 * A query parameter holding one value or a comma-separated list of values, given once ("status=
 * moved_away,merged"); the same parameter twice is refused rather than guessed at.
 */
function IsListOf(values: readonly string[]) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isListOf', target: object.constructor, propertyName,
      validator: {
        validate: (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((x) => values.includes(x)),
        defaultMessage: () => `${propertyName} must be one or more of ${values.join(', ')}, comma-separated, given once`,
      },
    });
}
const NON_HEAD_RELATIONS = RELATIONS.filter((r) => r !== 'head');
const CLASSIFICATIONS = ['poor', 'near_poor', 'average', 'above', 'none'] as const;
export const SORTS = ['code', '-code', 'headName', '-headName', 'village', '-village', 'registeredOn', '-registeredOn',
  'updatedAt', '-updatedAt', 'status', '-status'] as const;

/** "true"/"false" in a query string. */
const queryBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
/** "a,b" in a query string → ['a', 'b']; a repeated parameter (an array already) is refused. */
const queryList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value === undefined ? undefined : false;

// ---- people ------------------------------------------------------------------------------------

/** A person of the household: the head (without relation) or a member. */
export class PersonDto {
  @ApiProperty({ example: 'Ma Văn Thắng', description: 'Full name (stored NFC, spaces collapsed)' })
  @IsString() @Length(1, 120) fullName: string;

  @ApiProperty({ enum: SEXES })
  @IsIn(SEXES) sex: Sex;

  @ApiPropertyOptional({ example: '1978-05-14', description: 'Birth date when known (YYYY-MM-DD); sets the birth year' })
  @IsOptional() @IsDate() birthDate?: string | null;

  @ApiPropertyOptional({ example: 1978, description: 'Birth year; required without a birth date' })
  @IsOptional() @IsInt() @Min(1900) @Max(2100) birthYear?: number | null;

  @ApiProperty({ example: '02', description: 'Ethnic group code (GET /api/ethnic-groups): 01 Kinh, 02 Tày, 09 Dao…' })
  @IsString() @Matches(/^\d{2}$/, { message: 'mã dân tộc gồm 2 chữ số' }) ethnicity: string;

  @ApiPropertyOptional({ example: '008078001234', description: 'CCCD (12 digits) or old CMND (9 digits)' })
  @IsOptional() @IsString() @MaxLength(20) idNumber?: string | null;

  @ApiPropertyOptional({ default: true, description: 'Has a health-insurance card (thẻ BHYT)' })
  @IsOptional() @IsBoolean() healthInsurance?: boolean | null;

  @ApiPropertyOptional({ description: 'Currently attending school or training' })
  @IsOptional() @IsBoolean() inSchool?: boolean | null;

  @ApiPropertyOptional({ enum: EDUCATION_LEVELS })
  @IsOptional() @IsIn(EDUCATION_LEVELS) educationLevel?: EducationLevel | null;

  @ApiPropertyOptional({ enum: DISABILITIES, default: 'none' })
  @IsOptional() @IsIn(DISABILITIES) disability?: Disability | null;

  @ApiPropertyOptional({ description: 'Able to work. Default: aged 15–60 without severe disability' })
  @IsOptional() @IsBoolean() labourCapacity?: boolean | null;

  @ApiPropertyOptional({ enum: EMPLOYMENTS })
  @IsOptional() @IsIn(EMPLOYMENTS) employment?: Employment | null;

  @ApiPropertyOptional({ description: 'Malnourished child (under 16)' })
  @IsOptional() @IsBoolean() malnourished?: boolean | null;
}

export class MemberDto extends PersonDto {
  @ApiProperty({ enum: NON_HEAD_RELATIONS, description: 'Relation to the head (the head is given separately)' })
  @IsIn(NON_HEAD_RELATIONS) relation: Exclude<Relation, 'head'>;
}

// ---- households --------------------------------------------------------------------------------

export class CreateHouseholdDto {
  @ApiProperty({ example: '02287', description: 'Commune (xã, phường, thị trấn) code' })
  @IsString() @Length(1, 16) communeCode: string;

  @ApiPropertyOptional({ example: 'H00123', description: 'Household code, unique in the commune; generated (H00001…) when absent' })
  @IsOptional() @IsString() @Length(1, 32) code?: string;

  @ApiPropertyOptional({ example: '02287-03', description: 'Village (thôn, tổ dân phố) of the commune' })
  @IsOptional() @IsString() @Length(1, 16) villageCode?: string | null;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional() @IsString() @MaxLength(300) address?: string | null;

  @ApiPropertyOptional({ description: 'Date the household entered the register (default: today)' })
  @IsOptional() @IsDate() registeredOn?: string;

  @ApiPropertyOptional({ default: false, description: 'Household of a person with meritorious service (người có công)' })
  @IsOptional() @IsBoolean() meritorious?: boolean;

  @ApiPropertyOptional({ nullable: true, description: 'Overrides the derived "no labour capacity" flag; needs a reason' })
  @IsOptional() @IsBoolean() noLabourOverride?: boolean | null;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional() @IsString() @MaxLength(500) noLabourOverrideReason?: string | null;

  @ApiProperty({ type: PersonDto, description: 'The head of household (also listed as a member with relation "head")' })
  @ValidateNested() @Type(() => PersonDto) head: PersonDto;

  @ApiPropertyOptional({ type: [MemberDto], description: 'The other members' })
  @IsOptional() @IsArray() @ArrayMaxSize(59) @ValidateNested({ each: true }) @Type(() => MemberDto) members?: MemberDto[];
}

export class UpdateHouseholdDto {
  @ApiProperty({ description: 'The version read (optimistic locking): a stale one is 409 VERSION_CONFLICT' })
  @IsInt() @Min(1) @Max(INT_MAX) version: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 32) code?: string;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @Length(1, 16) villageCode?: string | null;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(300) address?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsDate() registeredOn?: string;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() meritorious?: boolean;

  @ApiPropertyOptional({ nullable: true, description: 'true/false overrides the derived flag (with a reason); null removes the override' })
  @IsOptional() @IsBoolean() noLabourOverride?: boolean | null;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) noLabourOverrideReason?: string | null;

  @ApiPropertyOptional({ description: 'Makes this member the head of household' })
  @IsOptional() @IsInt() @Min(1) @Max(INT_MAX) headMemberId?: number;

  @ApiPropertyOptional({ enum: NON_HEAD_RELATIONS, default: 'other', description: 'Relation of the former head to the new one' })
  @IsOptional() @IsIn(NON_HEAD_RELATIONS) formerHeadRelation?: Exclude<Relation, 'head'>;
}

export class PlannedMemberDto {
  @ApiProperty() @IsInt() @Min(1) @Max(INT_MAX) memberId: number;

  @ApiPropertyOptional({ enum: NON_HEAD_RELATIONS, description: 'Relation to the new head (default: unchanged; the former head becomes "other")' })
  @IsOptional() @IsIn(NON_HEAD_RELATIONS) relation?: Exclude<Relation, 'head'>;
}

/** A household created by a split: its head and members are taken from the household that splits. */
export class NewHouseholdPlanDto {
  @ApiPropertyOptional({ description: 'Code of the new household (generated when absent)' })
  @IsOptional() @IsString() @Length(1, 32) code?: string;

  @ApiPropertyOptional({ description: 'Village (default: that of the household that splits)' })
  @IsOptional() @IsString() @Length(1, 16) villageCode?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) address?: string | null;

  @ApiPropertyOptional({ description: 'Default: that of the household that splits' })
  @IsOptional() @IsBoolean() meritorious?: boolean;

  @ApiProperty({ description: 'The member who heads the new household' })
  @IsInt() @Min(1) @Max(INT_MAX) headMemberId: number;

  @ApiProperty({ type: [PlannedMemberDto], description: 'Its members, the head included' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(60) @ValidateNested({ each: true }) @Type(() => PlannedMemberDto) members: PlannedMemberDto[];
}

export class StatusChangeDto {
  @ApiProperty() @IsInt() @Min(1) @Max(INT_MAX) version: number;

  @ApiProperty({ enum: END_STATUSES, description: 'moved_away (chuyển đi), merged (nhập vào hộ khác), split (tách thành các hộ mới), dissolved (hộ không còn)' })
  @IsIn(END_STATUSES) status: EndStatus;

  @ApiProperty({ example: '2024-03-15', description: 'The day it happened' })
  @IsDate() date: string;

  @ApiProperty({ maxLength: 500 }) @IsString() @Length(1, 500) reason: string;

  @ApiPropertyOptional({ description: 'merged: the active household of the same commune it joins' })
  @ValidateIf((o) => o.status === 'merged') @IsInt() @Min(1) @Max(INT_MAX) mergedIntoId?: number;

  @ApiPropertyOptional({ default: true, description: 'merged: add its members to the household it joins (relation "other")' })
  @IsOptional() @IsBoolean() moveMembers?: boolean;

  @ApiPropertyOptional({ type: [NewHouseholdPlanDto], description: 'split: at least two new households sharing every member' })
  @ValidateIf((o) => o.status === 'split') @IsArray() @ArrayMinSize(2) @ArrayMaxSize(20) @ValidateNested({ each: true })
  @Type(() => NewHouseholdPlanDto) newHouseholds?: NewHouseholdPlanDto[];
}

export class SplitOffDto {
  @ApiProperty() @IsInt() @Min(1) @Max(INT_MAX) version: number;

  @ApiProperty({ example: '2024-03-15' }) @IsDate() date: string;

  @ApiProperty({ maxLength: 500, example: 'Con trai lập gia đình, tách hộ' }) @IsString() @Length(1, 500) reason: string;

  @ApiProperty({ type: NewHouseholdPlanDto }) @ValidateNested() @Type(() => NewHouseholdPlanDto) household: NewHouseholdPlanDto;

  @ApiPropertyOptional({ description: 'When the head leaves: the remaining member who becomes head' })
  @IsOptional() @IsInt() @Min(1) @Max(INT_MAX) newHeadMemberId?: number;
}

// ---- members -----------------------------------------------------------------------------------

export class AddMemberDto extends MemberDto {
  @ApiProperty({ description: "The household's version (every member change bumps it)" })
  @IsInt() @Min(1) @Max(INT_MAX) version: number;
}

export class UpdateMemberDto {
  @ApiProperty({ description: "The household's version" }) @IsInt() @Min(1) @Max(INT_MAX) version: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 120) fullName?: string;
  @ApiPropertyOptional({ enum: SEXES }) @IsOptional() @IsIn(SEXES) sex?: Sex;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsDate() birthDate?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1900) @Max(2100) birthYear?: number;
  @ApiPropertyOptional({ enum: NON_HEAD_RELATIONS, description: 'Not "head": change the head with PATCH /households/:id headMemberId' })
  @IsOptional() @IsIn(NON_HEAD_RELATIONS) relation?: Exclude<Relation, 'head'>;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^\d{2}$/) ethnicity?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(20) idNumber?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() healthInsurance?: boolean;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsBoolean() inSchool?: boolean | null;
  @ApiPropertyOptional({ enum: EDUCATION_LEVELS, nullable: true }) @IsOptional() @IsIn(EDUCATION_LEVELS) educationLevel?: EducationLevel | null;
  @ApiPropertyOptional({ enum: DISABILITIES }) @IsOptional() @IsIn(DISABILITIES) disability?: Disability;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() labourCapacity?: boolean;
  @ApiPropertyOptional({ enum: EMPLOYMENTS, nullable: true }) @IsOptional() @IsIn(EMPLOYMENTS) employment?: Employment | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsBoolean() malnourished?: boolean | null;
}

export class RemoveMemberQuery {
  @ApiProperty({ description: "The household's version" })
  @Type(() => Number) @IsInt() @Min(1) @Max(INT_MAX) version: number;

  @ApiPropertyOptional({ maxLength: 300, description: 'Why (died, moved away…), kept in the audit trail' })
  @IsOptional() @IsString() @MaxLength(300) reason?: string;
}

// ---- lists -------------------------------------------------------------------------------------

export class HouseholdListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Any unit: its communes (the district, the province…)' })
  @IsOptional() @IsString() @Length(1, 16) unit?: string;

  @ApiPropertyOptional({ description: 'Commune code' })
  @IsOptional() @IsString() @Length(1, 16) commune?: string;

  @ApiPropertyOptional({ description: 'Village code' })
  @IsOptional() @IsString() @Length(1, 16) village?: string;

  @ApiPropertyOptional({ description: `Status, or several comma-separated: ${HOUSEHOLD_STATUSES.join(', ')}` })
  @IsOptional() @Transform(queryList) @IsListOf(HOUSEHOLD_STATUSES) status?: string[];

  @ApiPropertyOptional({ description: 'Head of household from an ethnic minority' })
  @IsOptional() @Transform(queryBool) @IsBoolean() ethnicMinority?: boolean;

  @ApiPropertyOptional() @IsOptional() @Transform(queryBool) @IsBoolean() femaleHead?: boolean;
  @ApiPropertyOptional() @IsOptional() @Transform(queryBool) @IsBoolean() meritorious?: boolean;
  @ApiPropertyOptional({ description: 'No member able to work (or overridden so)' })
  @IsOptional() @Transform(queryBool) @IsBoolean() noLabourCapacity?: boolean;

  @ApiPropertyOptional({ description: "Head's ethnic group code" })
  @IsOptional() @Matches(/^\d{2}$/) ethnicity?: string;

  @ApiPropertyOptional({ description: "Head's name or household code; ignores case, diacritics and tone-mark placement" })
  @IsOptional() @IsString() @MaxLength(100) q?: string;

  @ApiPropertyOptional({ description: 'Year of a periodic review: items carry that year\'s decided class' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;

  @ApiPropertyOptional({ description: `Decided class in \`year\`, or several comma-separated: ${CLASSIFICATIONS.join(', ')} (none: no decided result)` })
  @IsOptional() @Transform(queryList) @IsListOf(CLASSIFICATIONS) classification?: string[];

  @ApiPropertyOptional({ description: 'Only households in the register on that day (YYYY-MM-DD)' })
  @IsOptional() @IsDate() activeOn?: string;

  @ApiPropertyOptional({ enum: SORTS, default: 'code', description: 'Sort key; a leading "-" sorts descending' })
  @IsOptional() @IsIn(SORTS) sort?: (typeof SORTS)[number];
}

export class DuplicatesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Commune code' })
  @IsOptional() @IsString() @Length(1, 16) commune?: string;
}

export class EthnicGroupQuery extends PageQuery {
  @ApiPropertyOptional({ default: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  override pageSize: number = 100;

  @ApiPropertyOptional({ description: 'Name, ignoring case and diacritics' })
  @IsOptional() @IsString() @MaxLength(40) q?: string;
}

export class ImportQuery {
  @ApiProperty({ example: '02287', description: 'The commune whose households the file lists' })
  @IsString() @Length(1, 16) commune: string;

  @ApiPropertyOptional({ description: 'Check the file and report, without writing anything' })
  @IsOptional() @Transform(queryBool) @IsBoolean() dryRun?: boolean;
}

export class TemplateQuery {
  @ApiPropertyOptional({ description: 'Commune whose villages the template lists' })
  @IsOptional() @IsString() @Length(1, 16) commune?: string;
}
