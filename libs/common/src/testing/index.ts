export * from './expect-eventually';
export * from './test-environment';
export * from './kafka';
export * from './caller-tokens';
export * from './documented-answers';
