import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly } from '../validation/is-date-only';
import { defineEvents } from './define-events';
import { Topics } from './topics';
import { INSPECTION_FRAMEWORKS, MEASURE_NAMES, type InspectionFramework, type MeasureName } from './vocabularies';

/**
 * Contracts of the events the improvement service publishes (topic `trustwide.improvement`). They
 * carry ids, statuses, dates, days and amounts: no names, no narratives, no reasons written by
 * people (an early end's reason, a report's narrative stay in the improvement service). A flag's
 * `reasons` are sentences the service composed from ids, dates and numbers only.
 * Not yet registered in the catalogue (the lead does that with the shared backbone's rework).
 */

const ACADEMIC_YEAR = /^\d{4}\/\d{2}$/;

export const ACTION_STATES = ['not-started', 'on-track', 'at-risk', 'off-track', 'done'] as const;
export type ActionState = (typeof ACTION_STATES)[number];

export const AGREEMENT_STATES = ['draft', 'agreed', 'active', 'completed', 'ended'] as const;
export type AgreementState = (typeof AGREEMENT_STATES)[number];

export const FUNDING_SOURCE_KINDS = ['strategic-improvement-fund', 'trust-budget', 'local-authority', 'dfe-grant', 'other'] as const;
export type FundingSourceKind = (typeof FUNDING_SOURCE_KINDS)[number];

export const IMPACT_REPORT_KINDS = ['interim', 'final'] as const;
export type ImpactReportKind = (typeof IMPACT_REPORT_KINDS)[number];

export const IMPACT_JUDGEMENTS = ['met', 'partly-met', 'not-met'] as const;
export type ImpactJudgement = (typeof IMPACT_JUDGEMENTS)[number];

export const REVIEW_KIND_NAMES = ['pupil-premium', 'send', 'governance', 'curriculum', 'safeguarding', 'attendance'] as const;
export type ReviewKindName = (typeof REVIEW_KIND_NAMES)[number];

// Plans

export class PlanCreatedV1 {
  @IsUUID() planId: string;
  @IsUUID() schoolId: string;
  @Matches(ACADEMIC_YEAR) academicYear: string;
}

/** What a priority is about: an area of one inspection framework, or a measure (never both). */
export class PriorityLinkV1 {
  @IsIn(['inspection-area', 'measure']) kind: 'inspection-area' | 'measure';
  @IsOptional() @IsIn(INSPECTION_FRAMEWORKS) framework?: InspectionFramework;
  @IsOptional() @IsString() @Length(1, 100) area?: string;
  @IsOptional() @IsIn(MEASURE_NAMES) measure?: MeasureName;
}

export class PriorityAddedV1 {
  @IsUUID() planId: string;
  @IsUUID() priorityId: string;
  @IsUUID() schoolId: string;
  @ValidateNested() @Type(() => PriorityLinkV1) link: PriorityLinkV1;
}

export class ActionStatusChangedV1 {
  @IsUUID() planId: string;
  @IsUUID() priorityId: string;
  @IsUUID() actionId: string;
  @IsUUID() schoolId: string;
  /** null when the action was just added. */
  @IsOptional() @IsIn(ACTION_STATES) from: ActionState | null;
  @IsIn(ACTION_STATES) to: ActionState;
  @IsDateOnly() dueOn: string;
  /** true when the service itself found it past due and not done. */
  @IsOptional() @IsBoolean() overdue?: boolean;
}

export class PlanAtRiskV1 {
  @IsUUID() planId: string;
  @IsUUID() schoolId: string;
  @Matches(ACADEMIC_YEAR) academicYear: string;
  /** Ids of the priorities at risk or off track. */
  @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true }) priorityIds: string[];
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) reasons: string[];
  @IsInt() @Min(0) @Max(100) completion: number;
}

// Agreements

export class AgreementDraftedV1 {
  @IsUUID() agreementId: string;
  @IsArray() @ArrayMinSize(1) @IsUUID('all', { each: true }) supportedSchoolIds: string[];
  @IsArray() @ArrayMinSize(1) @IsUUID('all', { each: true }) supportingSchoolIds: string[];
  @IsDateOnly() startsOn: string;
  @IsDateOnly() endsOn: string;
  @IsIn(FUNDING_SOURCE_KINDS) fundingSource: FundingSourceKind;
  @IsInt() @Min(0) fundingAmountPence: number;
  @IsOptional() @IsUUID() qaLeadId: string | null;
}

/** A move in an agreement's lifecycle (agreed by its QA lead, started, completed, ended early). */
export class AgreementTransitionV1 {
  @IsUUID() agreementId: string;
  @IsIn(AGREEMENT_STATES) from: AgreementState;
  @IsIn(AGREEMENT_STATES) to: AgreementState;
  @IsDateOnly() effectiveOn: string;
}

export class AgreementAgreedV1 extends AgreementTransitionV1 {
  /** The QA lead who approved it. */
  @IsUUID() qaLeadId: string;
}
export class AgreementStartedV1 extends AgreementTransitionV1 {}
export class AgreementCompletedV1 extends AgreementTransitionV1 {}
/** Ended early. The reason stays in the improvement service (it can name people). */
export class AgreementEndedV1 extends AgreementTransitionV1 {}

export class AgreementFlagV1 {
  @IsUUID() staffId: string;
  @IsIn(['deployed-leader', 'qa-lead']) as: 'deployed-leader' | 'qa-lead';
  /** e.g. `designation-revoked`, `designation-suspended`, `designation-lapsed`. */
  @IsString() @Length(1, 60) cause: string;
  @IsString() @Length(1, 500) reason: string;
}

/** An agreement needs attention: a deployed leader or its QA lead is no longer designated, and why. */
export class AgreementFlaggedV1 {
  @IsUUID() agreementId: string;
  @IsIn(AGREEMENT_STATES) status: AgreementState;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => AgreementFlagV1) flags: AgreementFlagV1[];
}

// Deployments

export class DaysInYearV1 {
  /** `2026/27`: 1 September to 31 August. */
  @Matches(ACADEMIC_YEAR) academicYear: string;
  @IsInt() @Min(0) @Max(366) days: number;
}

/**
 * A leader's days are committed: announced when an agreement is agreed, and again when a deployment
 * on an agreed or active agreement changes. A later announcement of the same `deploymentId` replaces
 * its days (the people service upserts), so redeliveries change nothing twice.
 */
export class LeaderDeployedV1 {
  @IsUUID() deploymentId: string;
  @IsUUID() agreementId: string;
  @IsUUID() staffId: string;
  @IsInt() @Min(1) totalDays: number;
  /** The days per academic year (the agreement's split, or pro rata to the support's days in each year). */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => DaysInYearV1) daysByYear: DaysInYearV1[];
}

/** The leader's days on this deployment are no longer committed (ended early, or removed). A completed agreement's days stay used. */
export class LeaderReleasedV1 {
  @IsUUID() deploymentId: string;
  @IsUUID() agreementId: string;
  @IsUUID() staffId: string;
  @IsIn(['agreement-ended', 'removed']) cause: 'agreement-ended' | 'removed';
}

// Impact reports

export class ImpactReportRefV1 {
  @IsUUID() reportId: string;
  @IsUUID() agreementId: string;
  @IsIn(IMPACT_REPORT_KINDS) kind: ImpactReportKind;
  @IsDateOnly() dueOn: string;
}

export class ImpactReportDueV1 extends ImpactReportRefV1 {
  @IsInt() @Min(0) daysLeft: number;
}

export class ImpactReportOverdueV1 extends ImpactReportRefV1 {
  @IsInt() @Min(1) daysOverdue: number;
}

export class CriterionJudgementV1 {
  @IsUUID() criterionId: string;
  @IsIn(IMPACT_JUDGEMENTS) judgement: ImpactJudgement;
}

/** Judgements only: the measured values and the narrative are read through the API. */
export class ImpactReportSubmittedV1 extends ImpactReportRefV1 {
  @IsDateOnly() submittedOn: string;
  @IsIn(IMPACT_JUDGEMENTS) overall: ImpactJudgement;
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => CriterionJudgementV1) criteria: CriterionJudgementV1[];
}

export class ImpactReportSignedOffV1 extends ImpactReportRefV1 {
  @IsUUID() qaLeadId: string;
  @IsDateOnly() signedOffOn: string;
}

// Funding

export class FundingSpentV1 {
  @IsUUID() agreementId: string;
  @IsUUID() spendId: string;
  @IsIn(FUNDING_SOURCE_KINDS) source: FundingSourceKind;
  @IsInt() @Min(1) amountPence: number;
  @IsDateOnly() spentOn: string;
  @IsInt() @Min(0) remainingPence: number;
}

// Reviews

export class ReviewCommissionedV1 {
  @IsUUID() reviewId: string;
  @IsUUID() schoolId: string;
  @IsIn(REVIEW_KIND_NAMES) kind: ReviewKindName;
  @IsUUID() reviewerId: string;
  @IsDateOnly() dueOn: string;
}

export class ReviewCompletedV1 {
  @IsUUID() reviewId: string;
  @IsUUID() schoolId: string;
  @IsIn(REVIEW_KIND_NAMES) kind: ReviewKindName;
  @IsDateOnly() completedOn: string;
}

/** Lists for documentation and tests: every improvement event's data class. */
export const IMPROVEMENT_EVENT_CONTRACTS = {
  'improvement.plan.created': PlanCreatedV1,
  'improvement.plan.priority-added': PriorityAddedV1,
  'improvement.plan.action-status-changed': ActionStatusChangedV1,
  'improvement.plan.at-risk': PlanAtRiskV1,
  'improvement.agreement.drafted': AgreementDraftedV1,
  'improvement.agreement.agreed': AgreementAgreedV1,
  'improvement.agreement.started': AgreementStartedV1,
  'improvement.agreement.completed': AgreementCompletedV1,
  'improvement.agreement.ended': AgreementEndedV1,
  'improvement.agreement.flagged': AgreementFlaggedV1,
  'improvement.deployment.leader-deployed': LeaderDeployedV1,
  'improvement.deployment.leader-released': LeaderReleasedV1,
  'improvement.impact-report.due': ImpactReportDueV1,
  'improvement.impact-report.submitted': ImpactReportSubmittedV1,
  'improvement.impact-report.overdue': ImpactReportOverdueV1,
  'improvement.impact-report.signed-off': ImpactReportSignedOffV1,
  'improvement.funding.spent': FundingSpentV1,
  'improvement.review.commissioned': ReviewCommissionedV1,
  'improvement.review.completed': ReviewCompletedV1,
} as const;

/** The improvement service's events, on its topic (`trustwide.improvement`). */
export const IMPROVEMENT_EVENTS = defineEvents(Topics.improvement, {
  'improvement.plan.created': {
    aggregateType: 'plan',
    version: 1,
    data: PlanCreatedV1,
    description: "A school's improvement plan for an academic year was created.",
  },
  'improvement.plan.priority-added': {
    aggregateType: 'plan',
    version: 1,
    data: PriorityAddedV1,
    description: 'A priority (an inspection area of one framework, or a measure) was added to a plan.',
  },
  'improvement.plan.action-status-changed': {
    aggregateType: 'plan',
    version: 1,
    data: ActionStatusChangedV1,
    description: 'An action of a plan changed status (not started, on track, at risk, off track, done).',
  },
  'improvement.plan.at-risk': {
    aggregateType: 'plan',
    version: 1,
    data: PlanAtRiskV1,
    description: 'A plan became at risk by its roll-up rule (announced by the service itself).',
  },
  'improvement.agreement.drafted': {
    aggregateType: 'agreement',
    version: 1,
    data: AgreementDraftedV1,
    description: 'A school-to-school support agreement was drafted.',
  },
  'improvement.agreement.agreed': {
    aggregateType: 'agreement',
    version: 1,
    data: AgreementAgreedV1,
    description: 'A support agreement was approved by its QA lead.',
  },
  'improvement.agreement.started': {
    aggregateType: 'agreement',
    version: 1,
    data: AgreementStartedV1,
    description: 'Support under an agreement started.',
  },
  'improvement.agreement.completed': {
    aggregateType: 'agreement',
    version: 1,
    data: AgreementCompletedV1,
    description: 'A support agreement was completed, its final impact report signed off.',
  },
  'improvement.agreement.ended': {
    aggregateType: 'agreement',
    version: 1,
    data: AgreementEndedV1,
    description: 'A support agreement was ended early, with a reason.',
  },
  'improvement.agreement.flagged': {
    aggregateType: 'agreement',
    version: 1,
    data: AgreementFlaggedV1,
    description: "A support agreement was flagged (a deployed leader's designation ended, capacity, travel), with why.",
  },
  'improvement.deployment.leader-deployed': {
    aggregateType: 'agreement',
    version: 1,
    data: LeaderDeployedV1,
    description: 'A designated leader was deployed under an agreement, with days per academic year.',
  },
  'improvement.deployment.leader-released': {
    aggregateType: 'agreement',
    version: 1,
    data: LeaderReleasedV1,
    description: 'A deployed leader was released from an agreement; their days are freed.',
  },
  'improvement.impact-report.due': {
    aggregateType: 'agreement',
    version: 1,
    data: ImpactReportDueV1,
    description: 'An interim or final impact report of an agreement falls due soon.',
  },
  'improvement.impact-report.submitted': {
    aggregateType: 'agreement',
    version: 1,
    data: ImpactReportSubmittedV1,
    description: "An impact report was submitted with each criterion's measured value and judgement.",
  },
  'improvement.impact-report.overdue': {
    aggregateType: 'agreement',
    version: 1,
    data: ImpactReportOverdueV1,
    description: 'An impact report passed its due date unsubmitted (flagged by the service on a schedule).',
  },
  'improvement.impact-report.signed-off': {
    aggregateType: 'agreement',
    version: 1,
    data: ImpactReportSignedOffV1,
    description: 'The QA lead signed off a final impact report.',
  },
  'improvement.funding.spent': {
    aggregateType: 'agreement',
    version: 1,
    data: FundingSpentV1,
    description: "Spend was recorded against an agreement's funding (never beyond its amount).",
  },
  'improvement.review.commissioned': {
    aggregateType: 'review',
    version: 1,
    data: ReviewCommissionedV1,
    description: 'A review (e.g. a pupil premium review) was commissioned from a trained reviewer.',
  },
  'improvement.review.completed': {
    aggregateType: 'review',
    version: 1,
    data: ReviewCompletedV1,
    description: 'A commissioned review was completed.',
  },
});
