import { Module } from '@nestjs/common';
import { SeasonsModule } from '../seasons/seasons.module';
import { SupplyDemandController } from './supply-demand.controller';
import { SupplyDemandService } from './supply-demand.service';

@Module({
  imports: [SeasonsModule],
  controllers: [SupplyDemandController],
  providers: [SupplyDemandService],
})
export class SupplyDemandModule {}
