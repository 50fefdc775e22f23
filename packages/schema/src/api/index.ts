export * from './auth-api';
export * from './contract';
export * from './projects-api';
export * from './queue-api';
export * from './resources';
export * from './tasks-api';
export * from './webhooks-api';
