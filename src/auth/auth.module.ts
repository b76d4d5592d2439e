import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from './user.entity';
import { AppConfig } from '../config/app-config';
import { AuditService } from '../audit/audit.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { ScopeService } from './scope.service';
import { JWT_SECRET } from '../app/tokens';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity]),
    JwtModule.registerAsync({
      inject: [AppConfig, JWT_SECRET],
      useFactory: (config: AppConfig, secret: string) => ({
        secret,
        signOptions: { expiresIn: config.JWT_TTL_SECONDS, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthRepository, AuthService, ScopeService, AuditService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, ScopeService, AuditService],
})
export class AuthModule {}
