import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundMessages } from '@ronghe/db/schema';
import {
  cohortInput,
  createTestEnv,
  errorOf,
  fieldOf,
  internshipInput,
  keyOf,
  makeAdmin,
  signUpUser,
  verifiedOrganization,
  type TestEnv,
  type TestUser,
} from '../test-support.ts';

// Issue 20: each person chooses which notices also come by email or text message (the bell always has them), and
// in which language messages to them are written.

let env: TestEnv;
let enterprise: TestUser & { organizationId: string };
let school: TestUser & { organizationId: string };
let quietSchool: TestUser & { organizationId: string };
beforeAll(async () => {
  env = await createTestEnv();
  const admin = await makeAdmin(env, await signUpUser(env, { identifier: 'preferences-admin@example.gov.cn' }));
  enterprise = await verifiedOrganization(env, admin, 'enterprise');
  school = await verifiedOrganization(env, admin, 'school');
  quietSchool = await verifiedOrganization(env, admin, 'school');
});
afterAll(async () => {
  await env.close();
});

const messagesTo = (userId: string) => env.db.orm.select().from(outboundMessages).where(eq(outboundMessages.userId, userId));

async function inviteCohortOf(s: TestUser & { organizationId: string }) {
  const { id: needId } = await enterprise.caller.needs.create({ organizationId: enterprise.organizationId, need: internshipInput() });
  await enterprise.caller.needs.publish({ id: needId });
  const { id: cohortId } = await s.caller.cohorts.create({ organizationId: s.organizationId, ...cohortInput({ students: 10 }) });
  await enterprise.caller.needs.invite({ needId, cohortId, students: 5 });
}

describe('notice preferences', () => {
  it('sends an invitation by email, in the chosen language, to whoever asked for it; the bell only to the others', async () => {
    expect(await school.caller.account.preferences()).toEqual({
      language: 'zh-CN',
      noticeChannels: {},
      available: { email: true, sms: false },
    });
    const saved = await school.caller.account.setPreferences({ language: 'en', noticeChannels: { invitations: 'email', rounds: 'inApp' } });
    expect(saved).toMatchObject({ language: 'en', noticeChannels: { invitations: 'email', rounds: 'inApp' } });

    await inviteCohortOf(school);
    await inviteCohortOf(quietSchool);
    const [mail] = await messagesTo(school.session.userId);
    expect(mail).toMatchObject({
      channel: 'email',
      recipient: school.session.email,
      status: 'queued',
      purpose: 'notice:invitations',
      subject: 'Ronghe notice',
    });
    expect(mail?.body).toMatch(/^Ronghe: .+ Sign in to Ronghe for the details\./);
    expect(await messagesTo(quietSchool.session.userId)).toEqual([]);
    // both have it in the bell
    for (const s of [school, quietSchool]) expect((await s.caller.notifications.list({})).length).toBeGreaterThan(0);
  });

  it('refuses a channel without a verified address or number, naming the field', async () => {
    const e = await errorOf(school.caller.account.setPreferences({ noticeChannels: { bookings: 'sms' } }));
    expect([e.code, keyOf(e), fieldOf(e)]).toEqual(['BAD_REQUEST', 'preferences.channelUnverified', 'noticeChannels.bookings']);
    expect((await school.caller.account.preferences()).noticeChannels).toEqual({ invitations: 'email', rounds: 'inApp' });
  });
});
