import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A commission's budget; its row is locked while a charge is decided, and the database refuses overspending too. */
@Entity({ name: 'commissions' })
export class CommissionRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'programme_id', type: 'uuid' }) programmeId: string;
  @Column({ name: 'school_ids', type: 'uuid', array: true }) schoolIds: string[];
  @Column({ name: 'budget_pence', type: 'integer' }) budgetPence: number;
  @Column({ name: 'cost_per_place_pence', type: 'integer' }) costPerPlacePence: number;
  @Column({ name: 'committed_pence', type: 'integer', default: 0 }) committedPence: number;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

/** Every charge and refund against a commission: the ledger its committed total sums. */
@Entity({ name: 'commission_charges' })
export class CommissionChargeRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'commission_id', type: 'uuid' }) commissionId: string;
  @Column({ name: 'enrolment_id', type: 'uuid', nullable: true }) enrolmentId: string | null;
  @Column('text') kind: 'place' | 'cost' | 'refund';
  /** Negative for a refund. */
  @Column({ name: 'amount_pence', type: 'integer' }) amountPence: number;
  @Column('text') description: string;
  @Column({ name: 'charged_at', type: 'timestamptz', default: () => 'now()' }) chargedAt: Date;
}
