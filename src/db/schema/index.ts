export * from './users.js';
export * from './organisations.js';
export * from './outbox.js';
export * from './audit.js';
export * from './idempotency.js';
export * from './competitions.js';
export * from './proposals.js';
