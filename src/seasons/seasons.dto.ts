import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsDateString, IsInt, Matches, Max, Min } from 'class-validator';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar date, 2027-06-21: a real one (strict), and without a time (a time with an offset was
 * accepted and stored as its date in another zone).
 */
const IsDate = (each = false): PropertyDecorator =>
  applyDecorators(
    IsDateString({ strict: true }, { each }),
    Matches(DATE_ONLY, { each, message: '$property: een datum als 2027-06-21 (zonder tijd)' }),
  );

export class CreateSeasonDto {
  @ApiProperty({ example: '2027-2028', description: 'the school year pupils will start in' })
  @Matches(/^(\d{4})-(\d{4})$/, { message: 'name moet de vorm 2027-2028 hebben' })
  name: string;

  @ApiProperty({ example: '2027-01-15' }) @IsDate() entryOpens: string;
  @ApiProperty({ example: '2027-06-18' }) @IsDate() entryCloses: string;

  @ApiProperty({ example: ['2027-06-21', '2027-07-01'], type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsDate(true)
  roundDates: string[];

  @ApiProperty({ example: 5, description: 'school days a receiving school has to answer' })
  @IsInt()
  @Min(1)
  @Max(30)
  responseSchoolDays: number;

  @ApiProperty({
    example: '2027-07-10',
    description: 'first day of the summer holiday (region Noord)',
  })
  @IsDate()
  summerHolidayStart: string;

  @ApiProperty({ example: '2027-10-01' }) @IsDate() endsOn: string;
}

// Absent = unchanged; null is checked like any value (so refused).
export class UpdateSeasonDto extends PartialType(CreateSeasonDto, { skipNullProperties: false }) {}

export class SeasonView extends CreateSeasonDto {
  @ApiProperty() id: string;
  @ApiPropertyOptional({ description: 'school days from today until the summer holiday' })
  schoolDaysToSummer: number;
}
