export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const SERVICE_OPTIONS = Symbol('SERVICE_OPTIONS');
