import { Module, OnModuleInit } from '@nestjs/common';
import { SystemModule } from '../system/system.module';
import { SystemService } from '../system/system.service';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';

/** The API's /metrics, with the queues' depth read from Redis at each scrape. */
@Module({ imports: [SystemModule], controllers: [MetricsController] })
export class ApiMetricsModule implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly system: SystemService,
  ) {}

  onModuleInit(): void {
    this.metrics.readQueuesFrom(() => this.system.queueCounts());
  }
}
