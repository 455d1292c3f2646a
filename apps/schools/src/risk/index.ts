export * from './derive-risk';
export * from './measures';
export * from './periods';
export * from './risk-rules';
