import { ServiceConfig } from '@trustwide/common';

/** Environment of the cpd service (see ServiceConfig for what each variable means). */
export class CpdConfig extends ServiceConfig {}
