/** Barrel of the pure domain layer. */
export * from './errors';
export * from './org-code';
export * from './time';
export * from './connection';
export * from './calendar';
export * from './calendar-policy';
export * from './calendar-statutory';
export * from './notation';
export * from './registers';
export * from './vietnamese-text';
export * from './signature';
export * from './document-status';
export * from './routing';
export * from './password-policy';
