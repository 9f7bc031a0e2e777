import { Global, Module } from '@nestjs/common';
import { Metrics } from './metrics';

/** One Metrics (registry) per app, available everywhere: the API's and the worker's. */
@Global()
@Module({ providers: [Metrics], exports: [Metrics] })
export class MetricsModule {}
