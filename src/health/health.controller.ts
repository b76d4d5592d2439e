import { Controller, Get, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { AppState } from '../app/app-state';
import { Public } from '../auth/decorators';
import { ErrorFilter } from '../common/errors/error.filter';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly state: AppState,
    private readonly moduleRef: ModuleRef,
  ) {}

  /**
   * 503 `{ status: "starting" }` until migrations and demo seeding are done, then 200 `{ status: "ok" }`
   * while the database answers; 503 in the API's error shape (code DATABASE_UNAVAILABLE, the reason in
   * `reason`) while it does not. The pool reconnects by itself when the database is back.
   */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    if (!this.state.ready) {
      res.status(503);
      return { status: this.state.error ? 'failed' : 'starting', phase: this.state.phase };
    }
    const ds = this.moduleRef.get(DataSource, { strict: false });
    try {
      await ds.query('SELECT 1');
    } catch (err) {
      const body = new ErrorFilter().toBody(err);
      res.status(503);
      return { ...body, statusCode: 503, error: 'Service Unavailable', code: 'DATABASE_UNAVAILABLE', status: 'database_down', reason: 'database down' };
    }
    return { status: 'ok' };
  }
}
