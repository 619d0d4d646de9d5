export * from './store';
export * from './server';
export * from './seed';
