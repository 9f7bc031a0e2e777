import { Module } from '@nestjs/common';
import { RequestLifecycle } from './lifecycle';

/** The request lifecycle on its own, so proposals and mediation use it without a module cycle. */
@Module({ providers: [RequestLifecycle], exports: [RequestLifecycle] })
export class LifecycleModule {}
