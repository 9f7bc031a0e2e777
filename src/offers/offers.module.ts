import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access/access.module';
import { text } from 'express';
import { School } from '../schools/school.entity';
import { SeasonsModule } from '../seasons/seasons.module';
import { Offer } from './offer.entity';
import { OffersController } from './offers.controller';
import { OffersService } from './offers.service';
import { SchoolsWithPlacesController } from './schools-with-places.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Offer, School]), AccessModule, SeasonsModule],
  controllers: [OffersController, SchoolsWithPlacesController],
  providers: [OffersService],
  exports: [OffersService],
})
export class OffersModule implements NestModule {
  /** The CSV import takes the file itself as a text/csv body (up to 2 MB). */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(text({ type: 'text/csv', limit: '2mb' }))
      .forRoutes({ path: 'seasons/:seasonId/offers/import', method: RequestMethod.POST });
  }
}
