import { Module } from '@nestjs/common';
import { AccessService } from './access.service';

/** Object-level access checks (AccessService); imported by every feature module that uses them. */
@Module({
  providers: [AccessService],
  exports: [AccessService],
})
export class AccessModule {}
