import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EventConsumerService } from '../module/consumer.provider';
import type { ServiceModuleOptions } from '../module/service-options';
import { SERVICE_OPTIONS } from '../module/tokens';
import { HealthDetails } from './health-details';

/**
 * The consumer's state as health detail (not readiness: a consumer that is joining its group or waiting
 * for Kafka does not stop the service from answering its requests). Uses the consumer provider's public
 * `consumer.isConsuming`; a consumer module that registers its own detail replaces this.
 */
@Injectable()
export class ConsumerHealthDetail implements OnModuleInit {
  constructor(
    private readonly consumers: EventConsumerService,
    private readonly details: HealthDetails,
    @Inject(SERVICE_OPTIONS) private readonly options: ServiceModuleOptions,
  ) {}

  onModuleInit(): void {
    if (!this.options.consumer) return;
    this.details.register('consumer', async () => {
      const consumer = this.consumers.consumer;
      if (!consumer) return { status: 'degraded', consuming: false, reason: 'not started yet' };
      return consumer.isConsuming ? { status: 'up', consuming: true } : { status: 'degraded', consuming: false, reason: 'not consuming (joining its group, or Kafka is away)' };
    });
  }
}
