import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Region } from './region.entity';

/** Regions are created by the seed or by operations, not through the API. */
@Module({ imports: [TypeOrmModule.forFeature([Region])], exports: [TypeOrmModule] })
export class RegionsModule {}
