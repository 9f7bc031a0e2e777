import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnvironmentVariables } from '../../config/env.validation';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { MailModule } from '../mail/mail.module';
import { PasswordResetToken } from './password-reset-token.entity';
import { PasswordService } from './password.service';
import { Session } from './session.entity';

const LOGIN_LIMIT = { ttl: 60_000, limit: 10 };

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([Session, PasswordResetToken]),
    MailModule,
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) => ({
        secret: config.get('JWT_SECRET', { infer: true }),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    // Only the log-in and password routes use ThrottlerGuard: log-in 10 tries a minute per IP and
    // per account (the e-mail address in the body); the password routes set their own limits.
    ThrottlerModule.forRoot([
      { name: 'ip', ...LOGIN_LIMIT },
      {
        name: 'account',
        ...LOGIN_LIMIT,
        getTracker: (req: Record<string, unknown>) =>
          `account:${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
      },
    ]),
  ],
  controllers: [AuthController],
  providers: [AuthService, PasswordService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, PasswordService],
})
export class AuthModule {}
