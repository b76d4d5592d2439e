import { Global, Module } from '@nestjs/common';
import { AggregatesRepository } from './aggregates.repository';
import { AggregatesService } from './aggregates.service';

@Global()
@Module({ providers: [AggregatesRepository, AggregatesService], exports: [AggregatesService] })
export class AggregatesModule {}
