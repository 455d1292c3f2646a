import { Body, Controller, Get, HttpCode, Injectable, Post, Put, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  ActingStaff,
  CallerSchools,
  IsDateOnly,
  notFound,
  type Page,
  refusedBy,
  ServiceOutbox,
  todayInEngland,
  UuidParam,
  withinSchoolScope,
  writeToTrust,
} from '@trustwide/common';
import { LeaderRow } from '../leaders/leader.entity';
import { TakenFromSignIn } from '../shared/signed-in-actor';
import { commissionReview, completeReview, REVIEW_KINDS, REVIEW_STATUSES, type Review, type ReviewKind, type ReviewStatus } from './review';
import { ReviewerRow, ReviewRow } from './review.entity';

export class TrainReviewerCommand {
  @IsArray() @ArrayMaxSize(REVIEW_KINDS.length) @ArrayUnique() @IsIn(REVIEW_KINDS, { each: true }) trainedFor: ReviewKind[];
}

export class CommissionReviewCommand {
  @IsUUID() schoolId: string;
  @IsIn(REVIEW_KINDS) kind: ReviewKind;
  @IsUUID() reviewerId: string;
  @IsDateOnly() dueOn: string;
}

/** Whoever completes it is the caller's linked staff record, and it must be the commissioned reviewer. */
export class CompleteReviewCommand {
  @TakenFromSignIn('reviewerId', 'the reviewer') reviewerId?: unknown;
  @IsString() @Length(1, 20_000) summary: string;
}

export class ListReviewsQuery {
  @IsOptional() @IsUUID() schoolId?: string;
  @IsOptional() @IsIn(REVIEW_STATUSES) status?: ReviewStatus;
  @IsOptional() @Type(() => String) @IsIn(['true', 'false']) overdue?: 'true' | 'false';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10_000_000) offset?: number;
}

export const mapReview = (r: ReviewRow, today = todayInEngland()) => ({
  id: r.id,
  schoolId: r.schoolId,
  kind: r.kind,
  reviewerId: r.reviewerId,
  commissionedOn: r.commissionedOn,
  dueOn: r.dueOn,
  status: r.status,
  overdue: r.status === 'commissioned' && r.dueOn < today,
  completedOn: r.completedOn,
  summary: r.summary,
});

const toReview = (r: ReviewRow): Review => ({ ...r });

@Injectable()
export class TrainReviewer {
  constructor(private readonly dataSource: DataSource) {}

  execute(trustId: string, staffId: string, command: TrainReviewerCommand) {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      await m.upsert(ReviewerRow, { trustId, staffId, trainedFor: [...command.trainedFor].sort() }, ['trustId', 'staffId']);
      return { staffId, trainedFor: [...command.trainedFor].sort() };
    });
  }
}

@Injectable()
export class CommissionReview {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
  ) {}

  execute(trustId: string, command: CommissionReviewCommand): Promise<ReviewRow> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const reviewer = await m.findOneBy(ReviewerRow, { trustId, staffId: command.reviewerId });
      const employed = await m.findOneBy(LeaderRow, { trustId, staffId: command.reviewerId });
      const existing = await m.findBy(ReviewRow, { trustId, schoolId: command.schoolId, kind: command.kind });
      const id = randomUUID();
      const decision = commissionReview(
        { id, schoolId: command.schoolId, kind: command.kind, dueOn: command.dueOn, today: todayInEngland() },
        {
          staffId: command.reviewerId,
          trainedFor: reviewer?.trainedFor ?? [],
          schoolIds: employed?.employed && employed.schoolId ? [employed.schoolId] : [],
        },
        existing.map(toReview),
      );
      if (!decision.ok) throw refusedBy(decision.refusals.map((r) => (r.rule === 'duplicate' ? { ...r, rule: 'status' } : r)));
      await m.insert(ReviewRow, { ...decision.review, trustId, summary: null });
      await this.outbox.record(m, 'improvement.review.commissioned', {
        trustId,
        aggregateId: id,
        data: { reviewId: id, schoolId: command.schoolId, kind: command.kind, reviewerId: command.reviewerId, dueOn: command.dueOn },
      });
      return m.findOneByOrFail(ReviewRow, { id });
    });
  }
}

@Injectable()
export class CompleteReview {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
  ) {}

  /** `reviewerId`: the caller's linked staff record. */
  execute(trustId: string, id: string, reviewerId: string, command: CompleteReviewCommand): Promise<ReviewRow> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const row = await m.findOne(ReviewRow, { where: { trustId, id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound('reviewId', `no review ${id} in this trust`);
      const today = todayInEngland();
      const decision = completeReview(toReview(row), reviewerId, today);
      if (!decision.ok) throw refusedBy(decision.refusals);
      await m.update(ReviewRow, { id }, { status: 'completed', completedOn: today, summary: command.summary.trim() });
      await this.outbox.record(m, 'improvement.review.completed', {
        trustId,
        aggregateId: id,
        data: { reviewId: id, schoolId: row.schoolId, kind: row.kind, completedOn: today },
      });
      return m.findOneByOrFail(ReviewRow, { id });
    });
  }
}

/** Reviews commissioned from trained reviewers, and the trust's register of who is trained for what. */
@Controller('trusts/:trustId/reviews')
export class ReviewsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly train: TrainReviewer,
    private readonly commission: CommissionReview,
    private readonly completeIt: CompleteReview,
  ) {}

  @Get('reviewers')
  async reviewers(@UuidParam('trustId') trustId: string) {
    return (await this.dataSource.manager.find(ReviewerRow, { where: { trustId }, order: { staffId: 'ASC' } })).map((r) => ({
      staffId: r.staffId,
      trainedFor: r.trainedFor,
    }));
  }

  @Put('reviewers/:staffId')
  trainReviewer(@UuidParam('trustId') trustId: string, @UuidParam('staffId') staffId: string, @Body() command: TrainReviewerCommand) {
    return this.train.execute(trustId, staffId, command);
  }

  @Post()
  async create(@UuidParam('trustId') trustId: string, @Body() command: CommissionReviewCommand) {
    return mapReview(await this.commission.execute(trustId, command));
  }

  /** A headteacher or head of school (`schools`) sees the reviews of their own schools; another school's is a 404. */
  @Get()
  async list(
    @UuidParam('trustId') trustId: string,
    @Query() q: ListReviewsQuery,
    @CallerSchools() schools: string[] | null,
  ): Promise<Page<ReturnType<typeof mapReview>>> {
    const today = todayInEngland();
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const qb = this.dataSource.getRepository(ReviewRow).createQueryBuilder('r').where('r.trust_id = :trustId', { trustId });
    if (q.schoolId) qb.andWhere('r.school_id = :schoolId', { schoolId: q.schoolId });
    if (schools) qb.andWhere('r.school_id = ANY(CAST(:schools AS uuid[]))', { schools });
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    if (q.overdue === 'true') qb.andWhere(`r.status = 'commissioned' AND r.due_on < :today`, { today });
    if (q.overdue === 'false') qb.andWhere(`NOT (r.status = 'commissioned' AND r.due_on < :today)`, { today });
    const [rows, total] = await qb.orderBy('r.due_on', 'ASC').addOrderBy('r.id', 'ASC').take(limit).skip(offset).getManyAndCount();
    return { total, limit, offset, items: rows.map((r) => mapReview(r, today)) };
  }

  @Get(':reviewId')
  async get(@UuidParam('trustId') trustId: string, @UuidParam('reviewId') id: string, @CallerSchools() schools: string[] | null) {
    const row = await this.dataSource.manager.findOneBy(ReviewRow, { trustId, id });
    if (!row || !withinSchoolScope(schools, [row.schoolId])) throw notFound('reviewId', `no review ${id} in this trust`);
    return mapReview(row);
  }

  @Post(':reviewId/complete')
  @HttpCode(200)
  async complete(
    @UuidParam('trustId') trustId: string,
    @UuidParam('reviewId') id: string,
    @Body() command: CompleteReviewCommand,
    @ActingStaff('complete a review as its reviewer') reviewerId: string,
  ) {
    return mapReview(await this.completeIt.execute(trustId, id, reviewerId, command));
  }
}
