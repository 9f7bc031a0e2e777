import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Level, LEVELS } from '../common/levels';
import { PageQuery } from '../common/pagination';
import { MAX_CAPACITY, MAX_OFFER_ROWS } from './offer-rules';

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
  @ApiProperty() id: string;
  @ApiProperty() schoolId: string;
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
