import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { withTimeout } from '../util/time';
import { EventConsumerService } from '../module/consumer.provider';
import { KafkaConnection } from '../module/kafka.provider';
import type { ServiceModuleOptions } from '../module/service-options';
import { SERVICE_OPTIONS } from '../module/tokens';

type Check = { status: 'up' | 'down'; error?: string };

/** Liveness (the process answers) and readiness (its database and Kafka answer). */
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    private readonly consumers: EventConsumerService,
    @Inject(SERVICE_OPTIONS) private readonly options: ServiceModuleOptions,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok', service: this.options.service };
  }

  @Get()
  health(@Res() res: Response) {
    return this.ready(res);
  }

  @Get('ready')
  async ready(@Res() res: Response) {
    const [database, kafka] = await Promise.all([this.database(), this.kafkaCheck()]);
    const checks: Record<string, Check> = { database, kafka };
    // A service that consumes events is ready once its consumer has joined its group.
    if (this.consumers.consumer) {
      checks.consumer = this.consumers.consumer.isConsuming ? { status: 'up' } : { status: 'down', error: 'not consuming (joining its group, or Kafka is away)' };
    }
    const ok = Object.values(checks).every((c) => c.status === 'up');
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: ok ? 'ok' : 'error', service: this.options.service, checks });
  }

  private async database(): Promise<Check> {
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), 2000);
      return { status: 'up' };
    } catch (err) {
      return { status: 'down', error: (err as Error).message };
    }
  }

  private async kafkaCheck(): Promise<Check> {
    return (await this.kafka.ping(2000)) ? { status: 'up' } : { status: 'down', error: 'no broker answered' };
  }
}
