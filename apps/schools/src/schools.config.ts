import { ServiceConfig } from '@trustwide/common';

/** Environment of the schools service (see ServiceConfig for what each variable means). */
export class SchoolsConfig extends ServiceConfig {}
