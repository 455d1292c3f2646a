import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A sign-in may be linked to one staff record of its trust (`staff_id`), and a staff record to one sign-in: the
 * unique index makes two administrators linking the same record at once a 409 for the second.
 */
export class StaffLink1766500000000 implements MigrationInterface {
  name = 'StaffLink1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN staff_id uuid`);
    await q.query(`CREATE UNIQUE INDEX users_staff ON users (trust_id, staff_id) WHERE staff_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX users_staff`);
    await q.query(`ALTER TABLE users DROP COLUMN staff_id`);
  }
}
