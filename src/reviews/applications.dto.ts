import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { PageQuery } from '../common/pagination/page';

import { Nfc } from '../common/http/dto';


const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CreateApplicationDto {
  @ApiProperty() @IsInt() @Min(1) @Max(2_147_483_647) householdId: number;
  /** `mau01`: asks to be reviewed; `mau04`: asks to be recognised as escaped poverty / near-poverty. */
  @ApiProperty({ enum: ['mau01', 'mau04'] }) @IsIn(['mau01', 'mau04']) form: 'mau01' | 'mau04';
  @ApiProperty() @IsISO8601({ strict: true }) filedOn: string;
  @ApiPropertyOptional({ enum: ['direct', 'post', 'online'] }) @IsOptional() @IsIn(['direct', 'post', 'online']) channel?: 'direct' | 'post' | 'online';
  /** The round whose list it goes on (default: the open regular round of its month, or the year's periodic round). */
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(2_147_483_647) roundId?: number;
}

export class UpdateApplicationDto {
  @ApiProperty() @IsInt() @Min(1) @Max(2_147_483_647) version: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(2_147_483_647) roundId?: number;
  /** Refuse it: the chairman answers in writing with the reasons. */
  @ApiPropertyOptional({ enum: ['refused'] }) @IsOptional() @IsIn(['refused']) status?: 'refused';
  @ApiPropertyOptional() @Nfc() @IsOptional() @IsString() @Length(1, 4000) answer?: string;
}

export class ApplicationListQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 16) commune?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 16) unit?: string;
  @ApiPropertyOptional({ enum: ['pending', 'in_round', 'decided', 'refused'] }) @IsOptional() @IsIn(['pending', 'in_round', 'decided', 'refused']) status?: string;
  @ApiPropertyOptional({ enum: ['mau01', 'mau04'] }) @IsOptional() @IsIn(['mau01', 'mau04']) form?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(2_147_483_647) roundId?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(2_147_483_647) householdId?: number;
  /** Only those past their deadline (true) or not (false) on `date`. */
  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean() overdue?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) date?: string;
}
