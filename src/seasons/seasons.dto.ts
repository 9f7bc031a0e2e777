import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, Matches, Max, Min } from 'class-validator';
import { IsDateOnly, IsOptionalNotNull } from '../common/validation';

export class CreateSeasonDto {
  @ApiProperty({ example: '2027-2028', description: 'the school year pupils will start in' })
  @Matches(/^(\d{4})-(\d{4})$/, { message: 'name moet de vorm 2027-2028 hebben' })
  name: string;

  @ApiProperty({ example: '2027-01-15' }) @IsDateOnly() entryOpens: string;
  @ApiProperty({ example: '2027-06-18' }) @IsDateOnly() entryCloses: string;

  @ApiProperty({ example: ['2027-06-21', '2027-07-01'], type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsDateOnly(true)
  roundDates: string[];

  @ApiProperty({ example: 5, description: 'school days a receiving school has to answer' })
  @IsInt()
  @Min(1)
  @Max(30)
  responseSchoolDays: number;

  @ApiPropertyOptional({
    example: '2027-07-10',
    description:
      "first day of the summer holiday; when left out, the government's date for the region's holiday region in the name's first year (2027-2028: summer 2027)",
  })
  @IsOptionalNotNull()
  @IsDateOnly()
  summerHolidayStart?: string;

  @ApiProperty({ example: '2027-10-01' }) @IsDateOnly() endsOn: string;
}

// Absent = unchanged; null is checked like any value (so refused).
export class UpdateSeasonDto extends PartialType(CreateSeasonDto, { skipNullProperties: false }) {}

export class SeasonView extends OmitType(CreateSeasonDto, ['summerHolidayStart']) {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2027-07-10', description: 'first day of the summer holiday' })
  summerHolidayStart: string;
  @ApiProperty({
    description: 'school days from today until the summer holiday (0 once it has begun)',
  })
  schoolDaysToSummer: number;
}

/** A page of seasons, newest first (?page=&limit=, as every list). */
export class SeasonPage {
  @ApiProperty({ type: [SeasonView] }) items: SeasonView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

/** Two dates of the season editor, e.g. entry closes and the first round. */
export class SchoolDaysQueryDto {
  @ApiProperty({ example: '2027-06-18' }) @IsDateOnly() from: string;
  @ApiProperty({ example: '2027-06-21', description: 'on or after from' }) @IsDateOnly() to: string;
}

export class SchoolDaysView {
  @ApiProperty({ example: '2027-06-18' }) from: string;
  @ApiProperty({ example: '2027-06-21' }) to: string;
  @ApiProperty({
    example: 0,
    description:
      "school days after from and before to (both left out), counted as everywhere in the service: without weekends, public holidays, the school holidays of the region's holiday region and the region's own non-school days (src/calendar)",
  })
  schoolDays: number;
}
