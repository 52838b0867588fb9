/** Barrel of the pure domain layer. */
export * from './errors';
export * from './org-code';
export * from './time';
export * from './connection';
