import type { Database } from '@ronghe/db/client';
import { getConsortium, listConsortia, listConsortiumMembers, type ConsortiumFilter } from '@ronghe/db/queries/consortia';
import { getRegion } from '@ronghe/domain/reference/regions';
import type { Language } from '@ronghe/domain/messages';
import { DomainError } from '@ronghe/domain/errors';
import { writeSheet } from './spreadsheet.ts';

// Excel exports of the consortium directory and of one consortium's members.

const labels = {
  'zh-CN': {
    kind: { city_union: '市域产教联合体', industry_community: '行业产教融合共同体' },
    level: { national: '国家级', municipal: '市级', district: '区级' },
    role: { lead: '牵头单位', council: '理事单位', member: '成员单位' },
    orgKind: { school: '学校', enterprise: '企业', partner: '合作方' },
    status: { applied: '申请中', invited: '已邀请', active: '正式成员', declined: '未通过', left: '已退出' },
  },
  en: {
    kind: { city_union: 'City union', industry_community: 'Industry community' },
    level: { national: 'National', municipal: 'Municipal', district: 'District' },
    role: { lead: 'Lead', council: 'Council', member: 'Member' },
    orgKind: { school: 'School', enterprise: 'Enterprise', partner: 'Partner' },
    status: { applied: 'Applied', invited: 'Invited', active: 'Active', declined: 'Declined', left: 'Left' },
  },
} as const;

const EXPORT_LIMIT = 10_000;

export async function exportDirectory(db: Database, filter: Omit<ConsortiumFilter, 'offset' | 'limit'>, lang: Language) {
  const l = labels[lang];
  const en = lang === 'en';
  const { items } = await listConsortia(db, { ...filter, offset: 0, limit: EXPORT_LIMIT });
  const file = await writeSheet(
    en ? 'Consortia' : '共同体名录',
    [
      { header: en ? 'Name' : '名称', key: 'name', width: 40 },
      { header: en ? 'Kind' : '类型', key: 'kind', width: 20 },
      { header: en ? 'Level' : '级别', key: 'level', width: 10 },
      { header: en ? 'Anchor region' : '所在地区', key: 'region', width: 16 },
      { header: en ? 'Schools' : '学校', key: 'schools', width: 8 },
      { header: en ? 'Enterprises' : '企业', key: 'enterprises', width: 8 },
      { header: en ? 'Others' : '其他', key: 'others', width: 8 },
      { header: en ? 'Members' : '成员合计', key: 'members', width: 10 },
    ],
    items.map((c) => ({
      name: c.name,
      kind: l.kind[c.kind],
      level: l.level[c.level],
      region: getRegion(c.anchorRegionCode)?.name ?? c.anchorRegionCode,
      schools: c.counts.school,
      enterprises: c.counts.enterprise,
      others: c.counts.partner,
      members: c.memberCount,
    })),
  );
  return { filename: en ? 'consortia.xlsx' : '产教融合共同体名录.xlsx', base64: file.toString('base64') };
}

export async function exportMembers(db: Database, consortiumId: string, lang: Language) {
  const c = await getConsortium(db, consortiumId);
  if (!c || !['active', 'suspended', 'dissolved'].includes(c.status)) throw new DomainError('NOT_FOUND', 'notFound');
  const l = labels[lang];
  const en = lang === 'en';
  const members = (await listConsortiumMembers(db, consortiumId)).filter((m) => m.status === 'active');
  const file = await writeSheet(
    en ? 'Members' : '成员',
    [
      { header: en ? 'Organisation' : '单位', key: 'name', width: 40 },
      { header: en ? 'Kind' : '类型', key: 'kind', width: 10 },
      { header: en ? 'Role' : '角色', key: 'role', width: 12 },
      { header: en ? 'Region' : '地区', key: 'region', width: 16 },
      { header: en ? 'Joined' : '加入日期', key: 'joined', width: 12 },
    ],
    members.map((m) => ({
      name: m.name,
      kind: l.orgKind[m.kind],
      role: l.role[m.role],
      region: m.regionName,
      joined: m.joinedAt?.toISOString().slice(0, 10) ?? '',
    })),
  );
  return { filename: `${c.name}-${en ? 'members' : '成员'}.xlsx`, base64: file.toString('base64') };
}
