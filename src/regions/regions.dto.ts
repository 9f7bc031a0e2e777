import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { HOLIDAY_REGIONS, HolidayRegion } from '../calendar';
import { IsDateOnly } from '../common/validation';
import { MAX_PRIORITY_CLASS } from './priority-rules';

const classProperty = (what: string) =>
  ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: MAX_PRIORITY_CLASS,
    description: `priority class for ${what}; 1 is strongest; null: no priority`,
  });
const classChecks = (field: string): PropertyDecorator[] => [
  IsOptional(),
  IsInt({ message: `${field}: een heel getal van 1 tot ${MAX_PRIORITY_CLASS}, of null` }),
  Min(1, { message: `${field}: een heel getal van 1 tot ${MAX_PRIORITY_CLASS}, of null` }),
  Max(MAX_PRIORITY_CLASS, {
    message: `${field}: een heel getal van 1 tot ${MAX_PRIORITY_CLASS}, of null`,
  }),
];
const apply =
  (...ds: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const d of ds) d(target, key);
  };

/** Priority class per reason for switching (lower = stronger); null or absent: none. */
export class PriorityReasonClasses {
  @classProperty('pupils who move house (verhuizing)')
  @apply(...classChecks('reasons.verhuizing'))
  verhuizing: number | null;

  @classProperty('afstroom')
  @apply(...classChecks('reasons.afstroom'))
  afstroom: number | null;

  @classProperty('opstroom')
  @apply(...classChecks('reasons.opstroom'))
  opstroom: number | null;

  @classProperty('another reason (anders)')
  @apply(...classChecks('reasons.anders'))
  anders: number | null;
}

/** The body of PUT /regions/current/priority-rules: the whole set, replacing the old one. */
export class PriorityRulesDto {
  @ApiProperty({ type: PriorityReasonClasses })
  @IsDefined({ message: 'reasons: geef per reden een klasse of null' })
  @ValidateNested()
  @Type(() => PriorityReasonClasses)
  reasons: PriorityReasonClasses;

  @classProperty('a pupil applying to a school of the board of their current school')
  @apply(...classChecks('sameBoard'))
  sameBoard?: number | null;
}

export class PriorityRulesView {
  @ApiProperty({ type: PriorityReasonClasses }) reasons: PriorityReasonClasses;
  @classProperty('a pupil applying to a school of the board of their current school')
  sameBoard: number | null;
  @ApiProperty({
    type: [String],
    description: 'the rules in Dutch, strongest class first',
    example: [
      'Voorrang klasse 1 (verhuizing)',
      'Zonder voorrang: daarna, in volgorde van lotnummer',
    ],
  })
  text: string[];
}

/** A day without school in the region besides the holidays (a study day): POST body. */
export class NonSchoolDayDto {
  @ApiProperty({ example: '2027-06-23', description: 'a school day that the region gives off' })
  @IsDateOnly()
  date: string;

  @ApiPropertyOptional({ example: 'studiedag', maxLength: 200, default: 'studiedag' })
  @IsOptional()
  @IsString({ message: 'description: een tekst' })
  @MaxLength(200, { message: 'description: hoogstens 200 tekens' })
  description?: string;
}

export class NonSchoolDayView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2027-06-23' }) date: string;
  @ApiProperty({ example: 'studiedag' }) description: string;
}

export class NonSchoolDaysView {
  @ApiProperty({
    enum: HOLIDAY_REGIONS,
    enumName: 'HolidayRegion',
    description: "the government's school-holiday region the region's schools follow",
  })
  holidayRegion: HolidayRegion;
  @ApiProperty({ type: [NonSchoolDayView], description: 'by date' }) items: NonSchoolDayView[];
}

/** The body of PUT /regions/current/settings (admins). */
export class RegionSettingsDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 20,
    example: 4,
    description:
      'the length of a preference list the form recommends; shorter lists get a warning (never a block)',
  })
  @IsDefined({ message: 'recommendedPreferences: geef een heel getal van 1 tot 20' })
  @IsInt({ message: 'recommendedPreferences: een heel getal van 1 tot 20' })
  @Min(1, { message: 'recommendedPreferences: een heel getal van 1 tot 20' })
  @Max(20, { message: 'recommendedPreferences: een heel getal van 1 tot 20' })
  recommendedPreferences: number;

  @ApiPropertyOptional({
    description:
      'coordinators must log in with a second factor too (admins and advisors always must); absent: unchanged',
  })
  @IsOptional()
  @IsBoolean({ message: 'requireTwoFactorForCoordinators: true of false' })
  requireTwoFactorForCoordinators?: boolean;
}

export class RegionSettingsView {
  @ApiProperty({
    type: 'integer',
    example: 4,
    description: 'the length of a preference list the form recommends (default 4)',
  })
  recommendedPreferences: number;
  @ApiProperty({
    description:
      'coordinators must log in with a second factor too; a coordinator without one can then only enrol',
  })
  requireTwoFactorForCoordinators: boolean;
}
