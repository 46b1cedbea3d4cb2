import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertStoredFile } from '@ronghe/db/queries/files';
import { auditLog, placements, storedFiles } from '@ronghe/db/schema';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import {
  createTestEnv,
  internshipInput,
  makeAdmin,
  signUpUser,
  verifiedOrganization,
  type TestEnv,
  type TestUser,
} from '../test-support.ts';
import { dailyRun } from './housekeeping.ts';

// Issue 20, retention (PIPL art. 19): an internship agreement scan is deleted a configurable time after its placement
// ends, by the daily job, which writes what it deleted to the audit log.

let env: TestEnv;
let enterprise: TestUser & { organizationId: string };
let school: TestUser & { organizationId: string };
beforeAll(async () => {
  env = await createTestEnv();
  const admin = await makeAdmin(env, await signUpUser(env, { identifier: 'retention-admin@example.gov.cn' }));
  enterprise = await verifiedOrganization(env, admin, 'enterprise');
  school = await verifiedOrganization(env, admin, 'school');
});
afterAll(async () => {
  await env.close();
});

/** A placement with an agreement scan, its period moved to end `endedDaysAgo` days ago. */
async function placementWithScan(endedDaysAgo: number, title: string) {
  const { id: needId } = await enterprise.caller.needs.create({
    organizationId: enterprise.organizationId,
    need: internshipInput({ title }),
  });
  await enterprise.caller.needs.publish({ id: needId });
  const application = await school.caller.needs.applyFor({ needId, organizationId: school.organizationId, students: 2 });
  await enterprise.caller.needs.decide({ id: application.id, accept: 2 });
  const [placement] = await env.db.orm.select({ id: placements.id }).from(placements).where(eq(placements.needId, needId));
  if (!placement) throw new Error('no placement');
  const scan = await insertStoredFile(env.db.orm, {
    organizationId: school.organizationId,
    uploadedBy: school.session.userId,
    purpose: 'placement_agreement',
    fileName: `${title}三方协议.pdf`,
    contentType: 'application/pdf',
    byteSize: 4,
    sha256: '0'.repeat(64),
    bytes: Buffer.from('%PDF'),
  });
  const periodTo = addDays(todayInChina(), -endedDaysAgo);
  await env.db.orm
    .update(placements)
    .set({ agreementFileId: scan.id, periodFrom: addDays(periodTo, -90), periodTo })
    .where(eq(placements.id, placement.id));
  return { placementId: placement.id, fileId: scan.id };
}

describe('retention of agreement scans', () => {
  it('deletes a scan once its placement ended longer ago than the retention, keeps younger ones, and logs each deletion', async () => {
    const old = await placementWithScan(400, '保留期已过');
    const recent = await placementWithScan(30, '保留期内');
    const run = await dailyRun(env.db, { agreementDays: 365 });
    expect(run.agreementScansDeleted).toBe(1);
    expect(await env.db.orm.select({ id: storedFiles.id }).from(storedFiles).where(eq(storedFiles.id, old.fileId))).toEqual([]);
    expect(await env.db.orm.select({ id: storedFiles.id }).from(storedFiles).where(eq(storedFiles.id, recent.fileId))).toHaveLength(1);
    // the placement stays, without its scan
    const [kept] = await env.db.orm.select({ file: placements.agreementFileId }).from(placements).where(eq(placements.id, old.placementId));
    expect(kept).toEqual({ file: null });
    const [entry] = await env.db.orm.select().from(auditLog).where(eq(auditLog.entityId, old.fileId));
    expect(entry).toMatchObject({ action: 'retention.deleteAgreementScan', actorUserId: null, organizationId: school.organizationId });
    expect(JSON.stringify(entry?.before)).toContain('保留期已过三方协议.pdf');
    // a second run (a retry, the next day) finds nothing more; a shorter setting takes the younger one too
    expect((await dailyRun(env.db, { agreementDays: 365 })).agreementScansDeleted).toBe(0);
    expect((await dailyRun(env.db, { agreementDays: 7 })).agreementScansDeleted).toBe(1);
  });
});
