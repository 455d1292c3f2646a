import { ServiceConfig } from '@trustwide/common';

/** Environment of the improvement service (see ServiceConfig for what each variable means). */
export class ImprovementConfig extends ServiceConfig {}
