import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteUnattachedFiles, getFileMeta, insertStoredFile } from '@ronghe/db/queries/files';
import { insertMember } from '@ronghe/db/queries/memberships';
import { DomainError } from '@ronghe/domain/errors';
import { pdf, png } from '@ronghe/db/test-files';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { createTestEnv, errorOf, makeAdmin, signUpUser, verifiedOrganization, type TestEnv, type TestUser } from '../test-support.ts';
import { fileNameFor, readFile, secondsUntilChinaMidnight, uploadFile, type UploadLimits } from './files.ts';

// Uploaded files: what may be uploaded (type by magic bytes, size per purpose), by whom, who may read it back, and
// how bases and placements take them (within their write transactions).

let env: TestEnv;
let admin: TestUser;
let school: TestUser & { organizationId: string };
let enterprise: TestUser & { organizationId: string };
let otherSchool: TestUser & { organizationId: string };
beforeAll(async () => {
  env = await createTestEnv();
  admin = await makeAdmin(env, await signUpUser(env, { identifier: 'files-admin@example.gov.cn' }));
  school = await verifiedOrganization(env, admin, 'school', '110108');
  enterprise = await verifiedOrganization(env, admin, 'enterprise', '110108');
  otherSchool = await verifiedOrganization(env, admin, 'school', '120116');
});
afterAll(async () => {
  await env.close();
});

const keyOf = (e: { cause: unknown }) => (e.cause instanceof DomainError ? e.cause.key : e.cause instanceof Error ? e.cause.message : null);
const thrown = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, key: e.key, field: e.field };
  }
  throw new Error('expected a DomainError');
};
const callerOf = (u: TestUser) => ({ userId: u.session.userId, isPlatformAdmin: u.session.isPlatformAdmin });

const photo = async (u: TestUser & { organizationId: string }) =>
  (
    await uploadFile(env.db, callerOf(u), {
      purpose: 'base_photo',
      organizationId: u.organizationId,
      fileName: '实训车间.png',
      bytes: png(),
    })
  ).id;

let n = 0;
const baseInput = (overrides: Record<string, unknown> = {}) => ({
  kind: 'campus' as const,
  name: `照片测试实训基地${++n}`,
  description: '数控加工实训',
  majorCodes: ['460103'],
  industryCodes: ['34'],
  regionCode: '110108',
  address: '北京市海淀区学院路1号',
  lng: 116.35,
  lat: 39.99,
  stations: 10,
  dailyCapacity: 20,
  equipment: [],
  openingHours: '',
  openToPartners: false,
  contactName: '李明',
  contactPhone: '13912345678',
  ...overrides,
});

describe('uploading files', () => {
  it('takes a PNG photo by its bytes, whatever the name, and keeps its size and hash', async () => {
    const bytes = png(3, 2);
    const { id } = await uploadFile(env.db, callerOf(school), {
      purpose: 'base_photo',
      organizationId: school.organizationId,
      fileName: '../../etc/车间 1.PNG',
      bytes,
    });
    const meta = await getFileMeta(env.db, id);
    expect(meta).toMatchObject({
      purpose: 'base_photo',
      contentType: 'image/png',
      fileName: '车间 1.PNG',
      byteSize: bytes.length,
      organizationId: school.organizationId,
    });
    expect(meta?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a text file named .png, a PDF as a photo, an empty file and one over the limit, naming the field', async () => {
    const as = (fileName: string, bytes: Uint8Array | null, purpose: 'base_photo' | 'placement_agreement' = 'base_photo') =>
      thrown(uploadFile(env.db, callerOf(school), { purpose, organizationId: school.organizationId, fileName, bytes }));
    expect(await as('photo.png', new TextEncoder().encode('not really a picture'))).toEqual({
      code: 'INVALID',
      key: 'file.wrongType',
      field: 'file',
    });
    expect(await as('scan.pdf', pdf())).toMatchObject({ key: 'file.wrongType' });
    expect(await as('empty.png', new Uint8Array(0))).toEqual({ code: 'INVALID', key: 'file.required', field: 'file' });
    expect(await as('none', null)).toMatchObject({ key: 'file.required' });
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set(png());
    expect(await as('big.png', big)).toEqual({ code: 'INVALID', key: 'file.tooLarge', field: 'file' });
    // agreements may be PDFs up to 5 MB, but not a WebP
    const bigPdf = new Uint8Array(4 * 1024 * 1024);
    bigPdf.set(pdf());
    const { id } = await uploadFile(env.db, callerOf(school), {
      purpose: 'placement_agreement',
      organizationId: school.organizationId,
      fileName: 'a.pdf',
      bytes: bigPdf,
    });
    expect((await getFileMeta(env.db, id))?.contentType).toBe('application/pdf');
    const webp = new Uint8Array([...new TextEncoder().encode('RIFF'), 0, 0, 0, 0, ...new TextEncoder().encode('WEBPVP8 ')]);
    expect(await as('a.webp', webp, 'placement_agreement')).toMatchObject({ key: 'file.wrongType' });
    expect(await as('big.pdf', new Uint8Array(5 * 1024 * 1024 + 1).fill(0x25), 'placement_agreement')).toMatchObject({
      key: 'file.tooLarge',
    });
  });

  it('lets only managers of the organisation upload for it', async () => {
    expect(
      await thrown(
        uploadFile(env.db, callerOf(enterprise), {
          purpose: 'base_photo',
          organizationId: school.organizationId,
          fileName: 'x.png',
          bytes: png(),
        }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await thrown(
        uploadFile(env.db, callerOf(admin), {
          purpose: 'base_photo',
          organizationId: school.organizationId,
          fileName: 'x.png',
          bytes: png(),
        }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('names by what the bytes are (issue 18)', () => {
  it('names a file with the extension of its sniffed type, keeping the rest of the name', () => {
    expect(fileNameFor('协议.html', 'image/png')).toBe('协议.png');
    expect(fileNameFor('协议.HTML', 'application/pdf')).toBe('协议.pdf');
    expect(fileNameFor('scan', 'application/pdf')).toBe('scan.pdf');
    expect(fileNameFor('车间 1.PNG', 'image/png')).toBe('车间 1.PNG');
    expect(fileNameFor('photo.jpeg', 'image/jpeg')).toBe('photo.jpeg');
    expect(fileNameFor('photo.jpg', 'image/png')).toBe('photo.png');
    expect(fileNameFor('a.html. . ', 'image/png')).toBe('a.png');
    expect(fileNameFor('../../evil.svg', 'image/webp')).toBe('evil.webp');
    expect(fileNameFor('.htaccess', 'image/png')).toBe('file.png');
    expect(fileNameFor('', 'application/pdf')).toBe('file.pdf');
    expect(fileNameFor('report.v2.final', 'application/pdf')).toBe('report.v2.pdf');
    const long = fileNameFor(`${'名'.repeat(200)}.html`, 'image/png');
    expect(Array.from(long).length).toBeLessThanOrEqual(120);
    expect(long).toMatch(/^名+\.png$/);
  });

  it('stores and serves a PNG named 协议.html as 协议.png, and serves a name stored before the rule by its type', async () => {
    const { id } = await uploadFile(env.db, callerOf(school), {
      purpose: 'placement_agreement',
      organizationId: school.organizationId,
      fileName: '协议.html',
      bytes: png(),
    });
    expect(await getFileMeta(env.db, id)).toMatchObject({ fileName: '协议.png', contentType: 'image/png' });
    expect(await readFile(env.db, callerOf(school), id)).toMatchObject({
      fileName: '协议.png',
      contentType: 'image/png',
      disposition: 'attachment',
    });
    const bytes = png();
    const old = await insertStoredFile(env.db, {
      organizationId: school.organizationId,
      uploadedBy: school.session.userId,
      purpose: 'placement_agreement',
      fileName: '旧协议.html',
      contentType: 'image/png',
      byteSize: bytes.length,
      sha256: 'a'.repeat(64),
      bytes,
    });
    expect((await readFile(env.db, callerOf(school), old.id)).fileName).toBe('旧协议.png');
  });
});

describe('a day’s uploads (issue 18)', () => {
  const limits: UploadLimits = { filesPerUser: 3, mbPerUser: 1, filesPerOrganization: 5, mbPerOrganization: 2 };
  const KB = 1024;
  const sized = (bytes: number) => {
    const b = new Uint8Array(bytes);
    b.set(png());
    return b;
  };
  const send = (u: TestUser, organizationId: string, bytes: Uint8Array) =>
    uploadFile(env.db, callerOf(u), { purpose: 'base_photo', organizationId, fileName: 'x.png', bytes }, limits);
  const outcome = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: unknown) => (e instanceof DomainError ? `${e.code} ${e.key}` : String(e)),
    );

  it('counts files per user: concurrent uploads past the limit are refused, and a refusal says when to retry', async () => {
    const owner = await verifiedOrganization(env, admin, 'school');
    const results = await Promise.all(Array.from({ length: 7 }, () => outcome(send(owner, owner.organizationId, png()))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(3);
    expect(results.filter((r) => r !== 'ok')).toEqual(Array(4).fill('RATE_LIMITED file.userQuota'));
    const error = await send(owner, owner.organizationId, png()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).params).toMatchObject({ files: 3, mb: 1 });
    expect((error as DomainError).field).toBe('file');
    const seconds = (error as DomainError).params.seconds;
    expect(typeof seconds === 'number' && seconds > 0 && seconds <= 86_400).toBe(true);
  });

  it('counts bytes per user; a refused upload counts nothing', async () => {
    const owner = await verifiedOrganization(env, admin, 'school');
    expect(await outcome(send(owner, owner.organizationId, sized(700 * KB)))).toBe('ok');
    expect(await outcome(send(owner, owner.organizationId, sized(400 * KB)))).toBe('RATE_LIMITED file.userQuota');
    expect(await outcome(send(owner, owner.organizationId, sized(300 * KB)))).toBe('ok');
    expect(await outcome(send(owner, owner.organizationId, sized(30 * KB)))).toBe('RATE_LIMITED file.userQuota');
  });

  it('counts files and bytes per organisation across its managers, concurrent ones included', async () => {
    const owner = await verifiedOrganization(env, admin, 'school');
    const [second, third] = [await signUpUser(env), await signUpUser(env)];
    await insertMember(env.db.orm, owner.organizationId, second.session.userId, 'manager');
    await insertMember(env.db.orm, owner.organizationId, third.session.userId, 'manager');
    // three managers, at most three uploads each: only the organisation's five a day can refuse
    const results = await Promise.all(
      [owner, second, third, owner, second, third, owner, second].map((u) => outcome(send(u, owner.organizationId, png()))),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(5);
    expect(results.filter((r) => r !== 'ok')).toEqual(Array(3).fill('RATE_LIMITED file.organizationQuota'));
    // another organisation's day is its own
    const other = await verifiedOrganization(env, admin, 'school');
    expect(await outcome(send(other, other.organizationId, png()))).toBe('ok');
    // bytes: a fresh organisation, 2 MB a day among three managers
    const bytesOrg = await verifiedOrganization(env, admin, 'school');
    const [m1, m2] = [await signUpUser(env), await signUpUser(env)];
    await insertMember(env.db.orm, bytesOrg.organizationId, m1.session.userId, 'manager');
    await insertMember(env.db.orm, bytesOrg.organizationId, m2.session.userId, 'manager');
    expect(await outcome(send(bytesOrg, bytesOrg.organizationId, sized(900 * KB)))).toBe('ok');
    expect(await outcome(send(m1, bytesOrg.organizationId, sized(900 * KB)))).toBe('ok');
    expect(await outcome(send(m2, bytesOrg.organizationId, sized(300 * KB)))).toBe('RATE_LIMITED file.organizationQuota');
    expect(await outcome(send(m2, bytesOrg.organizationId, sized(200 * KB)))).toBe('ok');
  });

  it('starts again at midnight in Beijing', () => {
    expect(secondsUntilChinaMidnight(new Date('2026-12-07T15:59:59Z'))).toBe(1);
    expect(secondsUntilChinaMidnight(new Date('2026-12-07T16:00:00Z'))).toBe(86_400);
    expect(secondsUntilChinaMidnight(new Date('2026-12-07T04:00:00Z'))).toBe(12 * 3600); // noon in Beijing
  });
});

describe('base photos', () => {
  it('go with a base in order; outsiders see them once the base is published', async () => {
    const [a, b] = [await photo(school), await photo(school)];
    if (!a || !b) throw new Error('no photos');
    // before a base takes it, a photo is for the school's members and admins only
    expect((await readFile(env.db, callerOf(school), a)).bytes).toEqual(png());
    expect(await thrown(readFile(env.db, null, a))).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await thrown(readFile(env.db, callerOf(enterprise), a))).toMatchObject({ code: 'FORBIDDEN' });
    const { id } = await school.caller.trainingBases.create({ organizationId: school.organizationId, ...baseInput(), photoIds: [b, a] });
    expect((await school.caller.trainingBases.get({ id })).photos).toEqual([
      { id: b, url: `/api/files/${b}` },
      { id: a, url: `/api/files/${a}` },
    ]);
    expect(await thrown(readFile(env.db, callerOf(enterprise), a))).toMatchObject({ code: 'FORBIDDEN' });
    await school.caller.trainingBases.publish({ id });
    const seen = await readFile(env.db, null, a);
    expect([seen.contentType, seen.disposition, seen.bytes]).toEqual(['image/png', 'inline', png()]);
    await school.caller.trainingBases.unpublish({ id });
    expect(await thrown(readFile(env.db, callerOf(enterprise), a))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await readFile(env.db, callerOf(admin), a)).byteSize).toBe(png().length);
  });

  it('an edit reorders, drops (deleting the file) or keeps the photos, and records the change', async () => {
    const [a, b, c] = [await photo(school), await photo(school), await photo(school)];
    if (!a || !b || !c) throw new Error('no photos');
    const input = baseInput();
    const { id } = await school.caller.trainingBases.create({ organizationId: school.organizationId, ...input, photoIds: [a, b] });
    await school.caller.trainingBases.update({ id, ...input, photoIds: [c, a] });
    expect((await school.caller.trainingBases.get({ id })).photos.map((p) => p.id)).toEqual([c, a]);
    expect(await getFileMeta(env.db, b)).toBeNull();
    // left out, the photos stay
    await school.caller.trainingBases.update({ id, ...input, stations: 12 });
    expect((await school.caller.trainingBases.get({ id })).photos.map((p) => p.id)).toEqual([c, a]);
    const history = await school.caller.trainingBases.history({ id });
    expect(history.map((h) => h.changedFields)).toContainEqual(['photoIds']);
  });

  it('refuses a seventh photo, another organisation’s photo, an agreement and another base’s photo, in the base’s transaction', async () => {
    const mine = await Promise.all(Array.from({ length: 7 }, () => photo(school)));
    const tooMany = await errorOf(
      school.caller.trainingBases.create({ organizationId: school.organizationId, ...baseInput(), photoIds: mine }),
    );
    expect(tooMany.code).toBe('BAD_REQUEST');
    const theirs = await photo(otherSchool);
    const names = async () => (await school.caller.trainingBases.mine({ organizationId: school.organizationId })).length;
    const before = await names();
    const foreign = await errorOf(
      school.caller.trainingBases.create({ organizationId: school.organizationId, ...baseInput(), photoIds: [mine[0] ?? '', theirs] }),
    );
    expect([foreign.code, keyOf(foreign), (foreign.cause as DomainError).field]).toEqual([
      'BAD_REQUEST',
      'file.photoNotUsable',
      'photoIds',
    ]);
    expect(await names()).toBe(before); // the base was not created without its photos
    const agreement = (
      await uploadFile(env.db, callerOf(school), {
        purpose: 'placement_agreement',
        organizationId: school.organizationId,
        fileName: 'a.pdf',
        bytes: pdf(),
      })
    ).id;
    expect(
      keyOf(
        await errorOf(school.caller.trainingBases.create({ organizationId: school.organizationId, ...baseInput(), photoIds: [agreement] })),
      ),
    ).toBe('file.photoNotUsable');
    const { id: first } = await school.caller.trainingBases.create({
      organizationId: school.organizationId,
      ...baseInput(),
      photoIds: [mine[1] ?? ''],
    });
    expect(first).toBeTruthy();
    expect(
      keyOf(
        await errorOf(
          school.caller.trainingBases.create({ organizationId: school.organizationId, ...baseInput(), photoIds: [mine[1] ?? ''] }),
        ),
      ),
    ).toBe('file.photoNotUsable');
  });
});

describe('placement agreements', () => {
  async function placement() {
    const from = addDays(todayInChina(), 60);
    const { id: needId } = await enterprise.caller.needs.create({
      organizationId: enterprise.organizationId,
      need: {
        kind: 'internship',
        title: '协议扫描件岗位实习',
        regionCode: '110108',
        deadline: addDays(todayInChina(), 30),
        post: '数控车工',
        majorCodes: ['460103'],
        headcount: 2,
        periodFrom: from,
        periodTo: addDays(from, 59),
        dailyHours: 8,
        monthlyPay: 4000,
        probationWage: 5000,
        postStaffCount: 100,
      },
    });
    await enterprise.caller.needs.publish({ id: needId });
    const a = await school.caller.needs.applyFor({ needId, organizationId: school.organizationId, students: 2 });
    await enterprise.caller.needs.decide({ id: a.id, accept: 2 });
    const [p] = (await school.caller.placements.list({ organizationId: school.organizationId })).filter((x) => x.needId === needId);
    if (!p) throw new Error('no placement');
    return p;
  }

  it('the school attaches its scan; both sides and admins download it, outsiders cannot', async () => {
    const p = await placement();
    expect(p.agreementFileUrl).toBeNull();
    const { id: fileId } = await uploadFile(env.db, callerOf(school), {
      purpose: 'placement_agreement',
      organizationId: school.organizationId,
      fileName: '三方协议.pdf',
      bytes: pdf(),
    });
    // the enterprise's own upload, a photo, or nonsense cannot be the school's agreement
    const theirs = (
      await uploadFile(env.db, callerOf(enterprise), {
        purpose: 'placement_agreement',
        organizationId: enterprise.organizationId,
        fileName: 'e.pdf',
        bytes: pdf(),
      })
    ).id;
    for (const wrong of [theirs, await photo(school)]) {
      const e = await errorOf(
        school.caller.placements.recordAgreement({ id: p.id, reference: 'SF-2027-101', signedOn: todayInChina(), agreementFileId: wrong }),
      );
      expect([keyOf(e), (e.cause as DomainError).field]).toEqual(['file.agreementNotUsable', 'agreementFileId']);
    }
    const [still] = (await school.caller.placements.list({ organizationId: school.organizationId })).filter((x) => x.id === p.id);
    expect(still?.agreementStatus).toBe('missing'); // refused as a whole
    expect(await thrown(readFile(env.db, callerOf(enterprise), fileId))).toMatchObject({ code: 'FORBIDDEN' });
    await school.caller.placements.recordAgreement({
      id: p.id,
      reference: 'SF-2027-101',
      signedOn: todayInChina(),
      agreementFileId: fileId,
    });
    const [seen] = (await enterprise.caller.placements.list({ organizationId: enterprise.organizationId })).filter((x) => x.id === p.id);
    expect(seen?.agreementFileUrl).toBe(`/api/files/${fileId}`);
    const got = await readFile(env.db, callerOf(enterprise), fileId);
    expect([got.contentType, got.disposition, got.fileName, got.bytes]).toEqual(['application/pdf', 'attachment', '三方协议.pdf', pdf()]);
    expect((await readFile(env.db, callerOf(admin), fileId)).byteSize).toBe(pdf().length);
    expect(await thrown(readFile(env.db, callerOf(otherSchool), fileId))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await thrown(readFile(env.db, null, fileId))).toMatchObject({ code: 'UNAUTHORIZED' });
    // recorded again without a file, the scan stays; it cannot serve a second placement
    await school.caller.placements.recordAgreement({ id: p.id, reference: 'SF-2027-102', signedOn: todayInChina() });
    const [kept] = (await school.caller.placements.list({ organizationId: school.organizationId })).filter((x) => x.id === p.id);
    expect(kept?.agreementFileUrl).toBe(`/api/files/${fileId}`);
    const q = await placement();
    expect(
      keyOf(
        await errorOf(
          school.caller.placements.recordAgreement({
            id: q.id,
            reference: 'SF-2027-103',
            signedOn: todayInChina(),
            agreementFileId: fileId,
          }),
        ),
      ),
    ).toBe('file.agreementNotUsable');
  });
});

describe('abandoned uploads', () => {
  it('housekeeping deletes uploads no base or placement took, and only those', async () => {
    const kept = await photo(school);
    const abandoned = await photo(school);
    await school.caller.trainingBases.create({ organizationId: school.organizationId, ...baseInput(), photoIds: [kept] });
    // nothing is old enough yet
    expect(await deleteUnattachedFiles(env.db, new Date(Date.now() - 86_400_000))).toBe(0);
    expect(await deleteUnattachedFiles(env.db, new Date(Date.now() + 60_000))).toBeGreaterThanOrEqual(1);
    expect(await getFileMeta(env.db, abandoned)).toBeNull();
    expect(await getFileMeta(env.db, kept)).not.toBeNull();
    // agreements attached to placements stay too
    const url =
      (await school.caller.placements.list({ organizationId: school.organizationId })).find((x) => x.agreementFileUrl)?.agreementFileUrl ??
      '';
    expect(url).not.toBe('');
    expect(await getFileMeta(env.db, url.split('/').at(-1) ?? '')).not.toBeNull();
  });
});
