export * from './contract';
export * from './projects-api';
export * from './queue-api';
export * from './resources';
export * from './tasks-api';
