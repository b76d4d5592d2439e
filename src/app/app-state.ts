import { Injectable } from '@nestjs/common';

/** Whether start-up tasks (migrations, first admin, demo data) are done: /api/health reads it. */
@Injectable()
export class AppState {
  ready = false;
  phase = 'starting';
  error?: string;
}
