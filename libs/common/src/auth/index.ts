export * from './identity';
export * from './caller-token';
export * from './token-cache';
export * from './caller-auth.config';
export * from './caller.guard';
export * from './caller-auth.module';
