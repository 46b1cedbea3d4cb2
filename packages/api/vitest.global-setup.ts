import { prepareTestTemplates } from '@ronghe/db/testing';

// Migrated databases with reference (and demo) data, made once per run and copied by each test file's createTestDb.
export default async function setup() {
  return prepareTestTemplates();
}
