import { Type } from 'class-transformer';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';

export class ProgressQuery {
  /** The unit: its figures include the units below it in that year. */
  @IsString() @Length(1, 16) unit: string;
  @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year: number;
}
