import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { StandardsModule } from '../standards/standards.module';
import { DemoSeedService } from './demo-seed.service';
import { ReviewsDemoService } from './reviews-demo.service';

/**
 * The one seeding path of the demo: it depends on the feature modules and writes through their
 * services; no feature module knows the demo.
 */
@Module({
  imports: [ReviewsModule, StandardsModule, PlansModule],
  providers: [DemoSeedService, ReviewsDemoService],
  exports: [DemoSeedService, ReviewsDemoService],
})
export class DemoModule {}
