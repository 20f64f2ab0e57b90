import { Module } from '@nestjs/common';
import { WhoAmIController } from './whoami.controller';

/** `GET /whoami` (every reader role; agent keys use the engine's endpoints instead). */
@Module({ controllers: [WhoAmIController] })
export class AccessModule {}
