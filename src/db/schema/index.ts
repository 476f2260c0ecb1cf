export * from './users.js';
export * from './organisations.js';
export * from './mail.js';
export * from './events.js';
export * from './audit.js';
export * from './idempotency.js';
export * from './competitions.js';
export * from './proposals.js';
