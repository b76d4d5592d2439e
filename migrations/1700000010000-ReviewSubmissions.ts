import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Field submissions (ODK Collect / KoboCollect) imported into a round's results: the
 * submission's `meta/instanceID` is kept, so re-importing the same export changes nothing
 * (a submission already imported is skipped, whatever was done to the result since), with the
 * enumerator's name and the survey date the form records.
 */
export class ReviewSubmissions1700000010000 implements MigrationInterface {
  name = 'ReviewSubmissions1700000010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE review_submission (
        round_id int NOT NULL REFERENCES review_round(id) ON DELETE CASCADE,
        instance_id varchar(100) NOT NULL CHECK (length(instance_id) > 0),
        household_id int NOT NULL REFERENCES household(id),
        enumerator varchar(200),
        surveyed_on date,
        imported_at timestamptz NOT NULL DEFAULT now(),
        imported_by varchar(64) NOT NULL,
        PRIMARY KEY (round_id, instance_id)
      )`);
    await q.query(`CREATE INDEX review_submission_household ON review_submission (household_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE review_submission`);
  }
}
