// GB/T 4754 industries as Select options: the divisions (大类) grouped under their sections (门类), both searchable
// by code or name. Sections with no division are left out.

type IndustryRow = { code: string; name: string; level: string; section?: string | null };

export function industryGroups(rows: readonly IndustryRow[]) {
  return rows
    .filter((s) => s.level === 'section')
    .map((s) => ({
      label: `${s.code} ${s.name}`,
      title: `${s.code} ${s.name}`,
      options: rows
        .filter((d) => d.level === 'division' && d.section === s.code)
        .map((d) => ({ value: d.code, label: `${d.code} ${d.name}` })),
    }))
    .filter((g) => g.options.length > 0);
}
