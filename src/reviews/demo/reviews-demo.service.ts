import { Injectable } from '@nestjs/common';

/** The Chiêm Hóa review demo (filled in below). */
@Injectable()
export class ReviewsDemoService {
  async seed(): Promise<Record<string, number>> {
    return {};
  }
}
