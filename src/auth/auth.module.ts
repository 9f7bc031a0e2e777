import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access/access.module';
import { EnvironmentVariables } from '../../config/env.validation';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { MailModule } from '../mail/mail.module';
import { limiterRedisOptions, LoginLimiter } from './login-limiter';
import { PasswordResetToken } from './password-reset-token.entity';
import { PasswordService } from './password.service';
import { RecoveryCode } from './recovery-code.entity';
import { Session } from './session.entity';
import { RedisThrottlerStorage } from './throttler-storage';
import { TwoFactorController } from './two-factor.controller';
import { TwoFactorService } from './two-factor.service';

const PASSWORD_ROUTE_LIMIT = { ttl: 60_000, limit: 10 };

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([Session, PasswordResetToken, RecoveryCode]),
    AccessModule,
    MailModule,
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) => ({
        secret: config.get('JWT_SECRET', { infer: true }),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    // Only the password routes use ThrottlerGuard (10 tries a minute per IP unless a route sets
    // its own limits); log-in has its own limiter of failures (LoginLimiter). Both count in Redis.
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) => ({
        throttlers: [
          { name: 'ip', ...PASSWORD_ROUTE_LIMIT },
          {
            name: 'account',
            ...PASSWORD_ROUTE_LIMIT,
            getTracker: (req: Record<string, unknown>) =>
              `account:${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
          },
        ],
        // Built from options, so it owns its connection and closes it with the module.
        storage: new RedisThrottlerStorage(limiterRedisOptions(config)),
      }),
    }),
  ],
  controllers: [AuthController, TwoFactorController],
  providers: [
    AuthService,
    PasswordService,
    TwoFactorService,
    LoginLimiter,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, PasswordService, TwoFactorService],
})
export class AuthModule {}
