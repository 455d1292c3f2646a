import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RiskRules } from './risk-rules';

/** A trust's own risk rules; trusts without a row use DEFAULT_RISK_RULES. */
@Entity({ name: 'risk_rules' })
export class TrustRiskRules {
  @PrimaryColumn({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ type: 'jsonb' }) rules: RiskRules;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}
