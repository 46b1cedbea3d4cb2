import type { Database, Drizzle } from '@ronghe/db/client';
import { uniqueViolation } from '@ronghe/db/errors';
import { writeAudit } from '@ronghe/db/queries/audit';
import {
  deleteCluster,
  insertCluster,
  listClusters,
  lockSchoolDesignations,
  schoolDesignationsOf,
  setDesignations,
} from '@ronghe/db/queries/designations';
import { unknownMajorCodes } from '@ronghe/db/queries/reference';
import type { AddClusterInput, SetSchoolDesignationsInput } from '@ronghe/domain/designations';
import { DomainError } from '@ronghe/domain/errors';
import { schoolDesignations } from '@ronghe/domain/monitoring';
import type { Caller } from './authz.ts';

// Designations are public honours from published lists (教育部、北京市教委): admins record them, anyone
// may read them, and the plan's indicators T04–T09 count them (verified schools only).

const notSchool = () => new DomainError('INVALID', 'designation.notSchool', { field: 'organizationId' });

/** A school's designations (in the list's order) and its 高水平专业群. */
export async function listForSchool(db: Database, organizationId: string) {
  const org = await schoolDesignationsOf(db, organizationId);
  if (!org) throw new DomainError('NOT_FOUND', 'notFound');
  if (org.kind !== 'school') throw notSchool();
  const clusters = await listClusters(db, organizationId);
  return {
    organizationId,
    designations: schoolDesignations.filter((d) => org.designations.includes(d)),
    clusters: clusters.map((c) => ({ id: c.id, name: c.name, designation: c.designation, majors: c.majors, designatedOn: c.designatedOn })),
  };
}

/** Replaces the school's designations with `input.designations`, audited in the same transaction. */
export async function setSchoolDesignations(db: Database, caller: Caller, input: SetSchoolDesignationsInput) {
  const designations = schoolDesignations.filter((d) => input.designations.includes(d));
  return db.orm.transaction(async (tx: Drizzle) => {
    const before = await lockSchoolDesignations(tx, input.organizationId);
    if (!before) throw new DomainError('NOT_FOUND', 'notFound');
    if (before.kind !== 'school') throw notSchool();
    await setDesignations(tx, input.organizationId, designations);
    await writeAudit(tx, {
      actorUserId: caller.userId,
      action: 'organization.designate',
      entity: 'organization',
      entityId: input.organizationId,
      before: { designations: before.designations },
      after: { designations },
      organizationId: input.organizationId,
    });
    return { organizationId: input.organizationId, designations };
  });
}

/** Records a 高水平专业群 of a school; its majors must be in the catalogue. */
export async function addCluster(db: Database, caller: Caller, input: AddClusterInput) {
  const unknown = await unknownMajorCodes(db, input.majorCodes);
  if (unknown.length > 0) throw new DomainError('INVALID', 'major.unknown', { field: 'majorCodes', params: { codes: unknown.join(',') } });
  try {
    return await db.orm.transaction(async (tx: Drizzle) => {
      const school = await lockSchoolDesignations(tx, input.organizationId);
      if (!school) throw new DomainError('NOT_FOUND', 'notFound');
      if (school.kind !== 'school') throw notSchool();
      const row = await insertCluster(tx, {
        schoolId: input.organizationId,
        name: input.name,
        designation: input.designation,
        majorCodes: input.majorCodes,
        designatedOn: input.designatedOn ?? null,
      });
      await writeAudit(tx, {
        actorUserId: caller.userId,
        action: 'majorCluster.create',
        entity: 'major_cluster',
        entityId: row.id,
        after: { name: row.name, designation: row.designation, majorCodes: row.majorCodes, designatedOn: row.designatedOn },
        organizationId: input.organizationId,
      });
      return { id: row.id };
    });
  } catch (error) {
    if (uniqueViolation(error) === 'major_cluster_school_name_key')
      throw new DomainError('CONFLICT', 'designation.clusterTaken', { field: 'name' });
    throw error;
  }
}

export async function removeCluster(db: Database, caller: Caller, clusterId: string) {
  return db.orm.transaction(async (tx: Drizzle) => {
    const row = await deleteCluster(tx, clusterId);
    if (!row) throw new DomainError('NOT_FOUND', 'notFound');
    await writeAudit(tx, {
      actorUserId: caller.userId,
      action: 'majorCluster.delete',
      entity: 'major_cluster',
      entityId: row.id,
      before: { name: row.name, designation: row.designation, majorCodes: row.majorCodes, designatedOn: row.designatedOn },
      organizationId: row.schoolId,
    });
    return { ok: true as const };
  });
}
