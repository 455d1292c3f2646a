import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ConsumerContext, OnEvent, PermanentEventError } from '@trustwide/common';
import type { TrustwideEvent } from '@trustwide/common';
import { Staff } from '../staff/staff.entity';
import { CapacityService } from './capacity.service';

/** The consumer of the improvement service's deployments (group `people.deployments`). */
export const DEPLOYMENTS_CONSUMER = 'deployments';
const consumer = DEPLOYMENTS_CONSUMER;

/**
 * Deployments are decided in the improvement service; here they move the leader's committed days.
 * Thin: check the leader is ours, then hand the fact to CapacityService in the consumer's transaction
 * (the ledger row goes in it too, so a redelivery changes nothing).
 */
@Controller()
export class DeploymentsHandlers {
  constructor(private readonly capacity: CapacityService) {}

  @OnEvent('improvement.deployment.leader-deployed', { consumer })
  async onDeployed(@Payload() event: TrustwideEvent<'improvement.deployment.leader-deployed'>, @Ctx() ctx: ConsumerContext): Promise<void> {
    const { deploymentId, staffId, daysByYear } = event.data;
    if (!(await ctx.manager.existsBy(Staff, { trustId: event.trustId, id: staffId }))) {
      throw new PermanentEventError('rejected', `deployment ${deploymentId}: no member of staff ${staffId} in trust ${event.trustId}`);
    }
    await this.capacity.applyDeployment(ctx.manager, { trustId: event.trustId, deploymentId, staffId, daysByYear });
  }

  @OnEvent('improvement.deployment.leader-released', { consumer })
  async onReleased(@Payload() event: TrustwideEvent<'improvement.deployment.leader-released'>, @Ctx() ctx: ConsumerContext): Promise<void> {
    await this.capacity.releaseDeployment(ctx.manager, event.data.deploymentId);
  }
}
