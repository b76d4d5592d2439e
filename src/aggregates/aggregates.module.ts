import { Global, Module } from '@nestjs/common';
import { AggregatesService } from './aggregates.service';

@Global()
@Module({ providers: [AggregatesService], exports: [AggregatesService] })
export class AggregatesModule {}
