export * from './reference.ts';
export * from './audit.ts';
export * from './meta.ts';
export * from './organizations.ts';
export * from './auth.ts';
export * from './memberships.ts';
export * from './consortia.ts';
export * from './training-bases.ts';
