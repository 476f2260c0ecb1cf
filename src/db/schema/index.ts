export * from './users.js';
export * from './organisations.js';
export * from './outbox.js';
