import { Module } from '@nestjs/common';
import { ConsumerDeclaration, Topics } from '@trustwide/common';
import { ReadModel1766000000000 } from '../migrations/1766000000000-read-model';
import { ReadModelLedger1767000000000 } from '../migrations/1767000000000-read-model-ledger';
import { AuditLedger1767300000000 } from '../migrations/1767300000000-audit-ledger';
import { AlertSignals } from './api/alert-stream.service';
import { OverviewCache } from './api/overview-cache';
import { ReadModelController } from './api/read-model.controller';
import { ReadModelQueries } from './api/read-model.queries';
import { auditLedger } from './ingest/fold';
import { READ_MODEL_CONSUMER, ReadModelIngest } from './ingest/read-model.handlers';
import { ReadModelAdminController } from './rebuild/read-model-admin.controller';
import { ReadModelRebuild } from './rebuild/read-model-rebuild.service';

/** Its HTTP controllers: the app module lists them before the proxy, whose catch-all would otherwise take their paths. */
export const READ_MODEL_CONTROLLERS = [ReadModelController, ReadModelAdminController];
export const READ_MODEL_MIGRATIONS = [ReadModel1766000000000, ReadModelLedger1767000000000, AuditLedger1767300000000];

/**
 * The trust-wide read model: the `read-model` consumer (group `gateway.read-model`) over the four services' topics,
 * from their beginning, applying runs of up to 2,000 events per transaction; the queries and the live alert signals.
 */
@Module({
  controllers: [ReadModelIngest],
  providers: [
    ReadModelQueries,
    AlertSignals,
    ReadModelRebuild,
    OverviewCache,
    {
      provide: ConsumerDeclaration,
      useValue: new ConsumerDeclaration({
        name: READ_MODEL_CONSUMER,
        topics: [Topics.schools, Topics.people, Topics.improvement, Topics.cpd],
        // Measured at 5,000 with 4 MiB fetches too (December 2026, BENCH_REBUILD_SCALE=0.1, back to back): slower,
        // 7.7 → 17.0 s from empty and 18.2 → 24.8 s beside (not profiled; longer transactions hold row locks longer
        // while the other partitions wait). kafkajs's 1 MiB per partition fetch gives runs of about 1,000 events.
        transactionBatchSize: 2_000,
        fromBeginning: true,
        // The writer locks tables and rows in one order, so partitions can be applied at once (PostgreSQL then
        // works on one while the gateway folds another).
        partitionsConsumedConcurrently: 4,
        // 4 MiB fetches (about 3,000 events a partition): 22,400–23,500 → 24,300–24,600 events/s in the ingest
        // benchmark (December 2026, quiet machine), with the next fetch read while the last is applied.
        maxBytesPerPartition: 4 << 20,
        // Its ledger is its audit trail (one row per event for both), swapped with the other tables by a rebuild.
        ownLedger: auditLedger(),
      }),
    },
  ],
  exports: [ReadModelQueries, AlertSignals, ReadModelRebuild, OverviewCache],
})
export class ReadModelModule {}
