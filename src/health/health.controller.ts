import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppState } from '../app/app-state';
import { Public } from '../auth/decorators';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly state: AppState) {}

  /** 503 `{ status: "starting" }` until migrations and demo seeding are done, then 200 `{ status: "ok" }`. */
  @Public()
  @Get()
  health(@Res({ passthrough: true }) res: Response) {
    if (!this.state.ready) {
      res.status(503);
      return { status: this.state.error ? 'failed' : 'starting', phase: this.state.phase };
    }
    return { status: 'ok' };
  }
}
