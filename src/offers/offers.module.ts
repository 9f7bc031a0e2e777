import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SeasonsModule } from '../seasons/seasons.module';
import { Offer } from './offer.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Offer]), SeasonsModule],
  controllers: [],
  providers: [],
  exports: [],
})
export class OffersModule {}
