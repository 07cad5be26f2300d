export * from './backoff';
export * from './groups';
export * from './run-status';
