export * from './app';
export * from './app-context';
export * from './auth/api-key-format';
export * from './auth/api-key-service';
export * from './compose';
export * from './config';
export * from './server';
export * from './testing/test-app';
