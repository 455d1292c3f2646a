import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventConsumerService } from '../module/consumer.provider';
import { HealthDetails } from './health-details';

/**
 * Every consumer's state as health detail (not readiness: a consumer that is joining its group, waiting
 * for Kafka, paused at a newer event version or refused for its ledger retention does not stop the
 * service from answering its requests). Each consumer is listed with its group, lag per topic and
 * paused partitions; any of them not consuming makes the detail `degraded`.
 */
@Injectable()
export class ConsumerHealthDetail implements OnModuleInit {
  constructor(
    private readonly consumers: EventConsumerService,
    private readonly details: HealthDetails,
  ) {}

  onModuleInit(): void {
    this.details.register('consumers', async () => {
      const all = await this.consumers.describe();
      const problems = all.flatMap((c) => [
        ...(c.refused ? [`${c.name}: refused to start (${c.refused})`] : []),
        ...(!c.refused && !c.joined ? [`${c.name}: not consuming (joining its group, or Kafka is away)`] : []),
        ...c.paused.map((p) => `${c.name}: ${p.topic}[${p.partition}] paused`),
      ]);
      return {
        status: problems.length ? 'degraded' : 'up',
        ...(problems.length ? { reason: problems.join('; ') } : {}),
        consumers: all.map(({ name, group, joined, refused, paused, lag }) => ({ name, group, joined, refused, paused, lag })),
      };
    });
  }
}
