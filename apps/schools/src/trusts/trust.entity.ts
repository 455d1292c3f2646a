import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A multi-academy trust: the tenant. Its id is the `trustId` every row and event carries. */
@Entity({ name: 'trusts' })
export class Trust {
  @PrimaryColumn('uuid') id: string;
  /** GIAS group UID, e.g. "2044". */
  @Column({ name: 'group_uid', type: 'text', nullable: true, unique: true }) groupUid: string | null;
  @Column('text') name: string;
  @Column({ name: 'companies_house_number', type: 'text', nullable: true }) companiesHouseNumber: string | null;
  @Column({ name: 'group_type', type: 'text', nullable: true }) groupType: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A trust's own details: what the API and the GIAS groups file may change. */
export const TRUST_FIELDS = ['name', 'groupUid', 'companiesHouseNumber', 'groupType'] as const;
export type TrustField = (typeof TRUST_FIELDS)[number];
export type TrustDetails = Pick<Trust, TrustField>;

/** What the trust events carry about a trust. */
export function trustProfile(trust: Trust) {
  return {
    trustId: trust.id,
    groupUid: trust.groupUid,
    name: trust.name,
    companiesHouseNumber: trust.companiesHouseNumber,
    groupType: trust.groupType,
  };
}

/** Companies House numbers are eight characters; GIAS drops the leading zeros. */
export const normaliseCompanyNumber = (n?: string | null) => (n && /^\d{1,7}$/.test(n) ? n.padStart(8, '0') : (n ?? null));
