import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobsCommand } from './jobs.command';
import { Scheduler } from './scheduler.service';

@Global()
@Module({ imports: [DiscoveryModule], providers: [Scheduler, JobsCommand], exports: [Scheduler] })
export class SchedulingModule {}
