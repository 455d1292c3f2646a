import type { DesignationKind } from '@trustwide/contracts';
import { DESIGNATION_SHORT_NAMES, describeDesignations, type LeaderFacts } from '../deployments/leaders';
import { plural, type Refusal } from '../shared/refusal';
import type { SupportAgreement } from './agreement';

/**
 * The QA lead agrees the arrangement before support starts, monitors it and helps evaluate impact,
 * so they must be independent of it: "an LLE from neither side". That is three rules, all reported:
 * they hold an active LLE designation; they are employed at none of the supported or supporting
 * schools; they are not one of the leaders deployed.
 */

/** Designations that qualify a QA lead ("an independent LLE also quality-assures support arrangements"); a trust may widen it. */
export const DEFAULT_QA_DESIGNATIONS: readonly DesignationKind[] = ['lle'];

export function qaIndependenceRefusals(
  agreement: Pick<SupportAgreement, 'supportedSchoolIds' | 'supportingSchoolIds' | 'deployments'>,
  qaLead: LeaderFacts,
  qualifying: readonly DesignationKind[] = DEFAULT_QA_DESIGNATIONS,
): Refusal[] {
  const refusals: Refusal[] = [];
  const names = qualifying.map((t) => DESIGNATION_SHORT_NAMES[t]).join(' or ');
  if (!qaLead.designations.some((d) => d.status === 'active' && qualifying.includes(d.type))) {
    refusals.push({
      rule: 'qa-designation',
      message: `The QA lead must hold an active ${names} designation; they have ${describeDesignations(qaLead)}.`,
    });
  }
  const supported = qaLead.schoolIds.filter((s) => agreement.supportedSchoolIds.includes(s));
  const supporting = qaLead.schoolIds.filter((s) => agreement.supportingSchoolIds.includes(s));
  if (supported.length > 0) {
    refusals.push({
      rule: 'qa-independence',
      message: `The QA lead is employed at the supported school ${supported.join(', ')}: they must be from neither side.`,
    });
  }
  if (supporting.length > 0) {
    refusals.push({
      rule: 'qa-independence',
      message: `The QA lead is employed at the supporting school ${supporting.join(', ')}: they must be from neither side.`,
    });
  }
  const deployment = agreement.deployments.find((d) => d.leaderId === qaLead.staffId);
  if (deployment) {
    refusals.push({
      rule: 'qa-independence',
      message: `The QA lead is also deployed in this agreement (${plural(deployment.days, 'day')}): they cannot quality-assure their own support.`,
    });
  }
  return refusals;
}
