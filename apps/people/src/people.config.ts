import { ServiceConfig } from '@trustwide/common';

/** Environment of the people service (see ServiceConfig for what each variable means). */
export class PeopleConfig extends ServiceConfig {}
