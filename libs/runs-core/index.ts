export * from './backoff';
export * from './cursor';
export * from './run-status';
