import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { ReadinessIndicators } from './readiness';

@Module({
  // A failed check is logged as one JSON line (Terminus' default style is several coloured ones).
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [HealthService, ReadinessIndicators],
  exports: [HealthService],
})
export class HealthModule {}
