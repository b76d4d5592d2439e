import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../common/pagination/page';

export const SOURCES = ['central', 'local', 'other'] as const;
export const FUND_TYPES = ['investment', 'recurrent'] as const;
export const FUND_KINDS = ['allocated', 'disbursed'] as const;
/** 10^15 VND: far above any program's budget, well inside JavaScript's exact integers. */
const MAX_AMOUNT = 1_000_000_000_000_000;

export class CreateFundEntryDto {
  /** The unit that holds and spends the funds (a district, a commune…). */
  @IsString() @Length(1, 16) unitCode: string;
  /** The plan year of the funds (kế hoạch vốn năm). */
  @IsInt() @Min(2000) @Max(2100) year: number;
  /** A project or sub-project code, e.g. GNBV21-DA3-TDA1. */
  @IsString() @Length(1, 40) projectCode: string;
  @IsIn(SOURCES) source: (typeof SOURCES)[number];
  /** investment (vốn đầu tư phát triển) or recurrent (kinh phí sự nghiệp). */
  @IsIn(FUND_TYPES) fundType: (typeof FUND_TYPES)[number];
  /** allocated (kế hoạch vốn giao) or disbursed (giải ngân). */
  @IsIn(FUND_KINDS) kind: (typeof FUND_KINDS)[number];
  /** Whole VND. Negative only for an allocation cut (điều chỉnh giảm). */
  @IsInt() @Min(-MAX_AMOUNT) @Max(MAX_AMOUNT) amount: number;
  /** The date of the allocation decision or of the disbursement. */
  @IsISO8601({ strict: true }) entryDate: string;
  /** The decision or payment document, e.g. 'QĐ 1234/QĐ-UBND'. */
  @IsOptional() @IsString() @MaxLength(100) documentRef?: string;
  @IsOptional() @IsString() @MaxLength(1000) note?: string;
  /** Set to accept a disbursement above the allocation; needs overspendReason. */
  @IsOptional() @IsBoolean() overspend?: boolean;
  @IsOptional() @IsString() @MaxLength(1000) overspendReason?: string;
}

/** A correction replaces the entry it names; omitted fields keep the corrected entry's values. */
export class CorrectFundEntryDto {
  /** Why the entry is corrected (required). */
  @IsString() @Length(1, 1000) reason: string;
  @IsOptional() @IsString() @Length(1, 40) projectCode?: string;
  @IsOptional() @IsIn(SOURCES) source?: (typeof SOURCES)[number];
  @IsOptional() @IsIn(FUND_TYPES) fundType?: (typeof FUND_TYPES)[number];
  @IsOptional() @IsIn(FUND_KINDS) kind?: (typeof FUND_KINDS)[number];
  /** 0 cancels the corrected entry. */
  @IsOptional() @IsInt() @Min(-MAX_AMOUNT) @Max(MAX_AMOUNT) amount?: number;
  @IsOptional() @IsISO8601({ strict: true }) entryDate?: string;
  @IsOptional() @IsString() @MaxLength(100) documentRef?: string;
  @IsOptional() @IsString() @MaxLength(1000) note?: string;
  @IsOptional() @IsBoolean() overspend?: boolean;
  @IsOptional() @IsString() @MaxLength(1000) overspendReason?: string;
}

export class FundEntryQuery extends PageQuery {
  /** A unit: its entries and those of the units below it. */
  @IsOptional() @IsString() @Length(1, 16) unit?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  /** A project: its entries and those of its sub-projects. */
  @IsOptional() @IsString() @Length(1, 40) project?: string;
  @IsOptional() @IsIn(SOURCES) source?: (typeof SOURCES)[number];
  @IsOptional() @IsIn(FUND_TYPES) fundType?: (typeof FUND_TYPES)[number];
  @IsOptional() @IsIn(FUND_KINDS) kind?: (typeof FUND_KINDS)[number];
  @ApiPropertyOptional({ description: 'Also the entries replaced by a correction (the full history). Default true.' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  includeCorrected: boolean = true;
}

export class FundTotalsQuery {
  @IsString() @Length(1, 16) unit: string;
  @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year: number;
}
