import { ConfigModule } from '@nestjs/config';
import { validateEnv } from '../config/env.validation';

/** Typed, validated configuration: a missing or malformed variable stops the process. */
export const AppConfigModule = ConfigModule.forRoot({
  isGlobal: true,
  cache: true,
  validate: validateEnv,
});
