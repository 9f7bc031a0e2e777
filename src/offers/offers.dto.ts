import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Level, LEVELS } from '../common/levels';
import { PageQuery } from '../common/pagination';
import { District, DISTRICTS } from '../schools/district';
import { MAX_CAPACITY, MAX_OFFER_ROWS, MAX_PROFILE_LENGTH } from './offer-rules';

/** Most bytes of an uploaded CSV file (multipart). */
export const MAX_CSV_BYTES = 1024 * 1024;

/** 'true'/'false' in a query string → a boolean; anything else is left for @IsBoolean to refuse. */
const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

export class OfferQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() schoolId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 6, description: 'leerjaar' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(6)
  grade?: number;

  @ApiPropertyOptional({ enum: LEVELS, description: 'niveau' })
  @IsOptional()
  @IsIn(LEVELS)
  level?: Level;
}

/** One row of a bulk upsert; rows are checked by offer-rules so every bad row can be named. */
export class OfferRowDto {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ minimum: 1, maximum: 6, description: 'leerjaar' }) grade: number;
  @ApiProperty({ enum: LEVELS, description: 'niveau' }) level: Level;
  @ApiPropertyOptional({
    description: "profiel, '' or absent = none; from leerjaar 3 (vmbo, pro) or 4 (havo, vwo)",
    maxLength: 60,
  })
  profile?: string;
  @ApiProperty({ minimum: 0, maximum: MAX_CAPACITY, description: 'free places' })
  capacity: number;
}

export class UpsertOffersDto {
  @ApiProperty({
    type: [OfferRowDto],
    maxItems: MAX_OFFER_ROWS,
    description:
      'All-or-nothing: any bad row gives 400 with errors [{row, field, message}] (row is 1-based) and nothing is written',
  })
  @IsArray()
  @ArrayMaxSize(MAX_OFFER_ROWS)
  offers: unknown[];
}

export class OfferView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() schoolName: string;
  @ApiProperty() brin: string;
  @ApiProperty() grade: number;
  @ApiProperty({ enum: LEVELS }) level: Level;
  @ApiProperty({ description: "'' = no profile" }) profile: string;
  @ApiProperty() capacity: number;
  @ApiProperty() placed: number;
  @ApiProperty({ description: 'places held by open proposals' }) pending: number;
  @ApiProperty({ description: 'capacity − placed − pending, never below 0' }) remaining: number;
}

export class OfferPage {
  @ApiProperty({ type: [OfferView] }) items: OfferView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

export class SavedOffers {
  @ApiProperty({ description: 'rows written (created or updated)' }) saved: number;
}

export class ImportedOffers {
  @ApiProperty({ description: 'rows written (created or updated)' }) imported: number;
}

/** ?dryRun=true (or ?preview=true): check and show the file, save nothing. */
export class ImportQueryDto {
  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'true: check the file and show what would change; nothing is saved',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'dryRun moet true of false zijn' })
  dryRun?: boolean;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'the same as dryRun' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'preview moet true of false zijn' })
  preview?: boolean;
}

/** The multipart body of the import (a text/csv body is the file's text itself). */
export class OfferImportUpload {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: `the CSV file, at most ${MAX_CSV_BYTES / 1024 / 1024} MB: brin;leerjaar;niveau;profiel;plaatsen`,
  })
  file: unknown;
}

export const IMPORT_CHANGES = ['new', 'changed', 'unchanged'] as const;
export type ImportChange = (typeof IMPORT_CHANGES)[number];

export class ImportPreviewRow {
  @ApiProperty({ description: 'line in the file (the header is line 1)' }) line: number;
  @ApiProperty() brin: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: unknown BRIN' })
  schoolId: string | null;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
  @ApiProperty({ description: 'leerjaar' }) grade: number;
  @ApiProperty({ enum: LEVELS, description: 'niveau' }) level: Level;
  @ApiProperty({ description: "profiel; '' = none" }) profile: string;
  @ApiProperty({ description: 'plaatsen in the file' }) capacity: number;
  @ApiProperty({
    enum: IMPORT_CHANGES,
    enumName: 'ImportChange',
    description: 'new offer, a changed number of places, or the same as now',
  })
  change: ImportChange;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'the places now (old → capacity); null for a new offer',
  })
  previousCapacity: number | null;
  @ApiProperty({ description: 'false: this line has errors (see errors)' }) valid: boolean;
}

export class ImportLineError {
  @ApiProperty({ description: 'line in the file (the header is line 1)' }) line: number;
  @ApiProperty({ description: 'column (brin, leerjaar, niveau, profiel, plaatsen), header or csv' })
  field: string;
  @ApiProperty({ description: 'in Dutch' }) message: string;
}

export class ImportPreview {
  @ApiProperty({ enum: [true] }) dryRun: true;
  @ApiProperty({ description: 'true when the file has no errors and would be saved as a whole' })
  valid: boolean;
  @ApiProperty({ type: [ImportPreviewRow], description: 'every line that could be read' })
  rows: ImportPreviewRow[];
  @ApiProperty({ type: [ImportLineError] }) errors: ImportLineError[];
  @ApiProperty({ description: 'valid rows that would create an offer' }) created: number;
  @ApiProperty({ description: 'valid rows that would change the places of an offer' })
  changed: number;
  @ApiProperty({ description: 'valid rows equal to the offer as it is' }) unchanged: number;
}

export class TemplateQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'the school to fill in; default: your own school(s) (admins: every school)',
  })
  @IsOptional()
  @IsUUID()
  schoolId?: string;
}

export class SchoolsWithPlacesQueryDto {
  @ApiProperty({ minimum: 1, maximum: 6, description: 'requested leerjaar' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(6)
  grade: number;

  @ApiProperty({ enum: LEVELS, description: 'requested niveau' })
  @IsIn(LEVELS, { message: `level moet een van ${LEVELS.join(', ')} zijn` })
  level: Level;

  @ApiPropertyOptional({
    maxLength: MAX_PROFILE_LENGTH,
    description: 'requested profiel; an offer without profile fits too',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_PROFILE_LENGTH)
  profile?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'true: every school of the region that teaches the niveau, also those that have entered ' +
      'no places for it yet (offerId and remaining null): a preference may name any of them',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'teaching moet true of false zijn' })
  teaching?: boolean;
}

export class SchoolWithPlaces {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() brin: string;
  @ApiProperty({ example: '1011 AB' }) postcode: string;
  @ApiProperty({ enum: DISTRICTS, description: 'stadsdeel' }) district: District;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the offer that fits (the profile’s own first); null: no places entered yet',
  })
  offerId: string | null;
  @ApiProperty({ description: "the fitting offer's profiel; '' = none" }) profile: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'capacity − placed − pending of that offer, never below 0; null: no places entered yet',
  })
  remaining: number | null;
  @ApiProperty({
    description:
      'submitted pupils of this leerjaar × niveau whose first listed school with room (not declined) is this one: where the next round will most likely place them; each pupil counts once',
  })
  asking: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'remaining − asking, never below 0: room nobody has asked for yet; null: no places',
  })
  unclaimed: number | null;
}
