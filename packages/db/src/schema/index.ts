export * from './reference.ts';
export * from './audit.ts';
export * from './meta.ts';
export * from './organizations.ts';
