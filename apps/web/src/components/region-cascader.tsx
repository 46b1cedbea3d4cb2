import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Cascader, ConfigProvider, Grid } from 'antd';
import type { CascaderProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../lib/trpc.ts';

export type RegionOption = { value: string; label: string; children?: RegionOption[] };
type Row = { code: string; name: string; parentCode: string | null; provinceCode: string };

/** Beijing and Tianjin → districts; Hebei → prefectures → counties, in code order. */
export function regionTree(rows: readonly Row[], provinceLabel: (row: Row) => string = (r) => r.name): RegionOption[] {
  const byParent = new Map<string | null, Row[]>();
  for (const r of rows) byParent.set(r.parentCode, [...(byParent.get(r.parentCode) ?? []), r]);
  const build = (parent: string | null): RegionOption[] =>
    (byParent.get(parent) ?? [])
      .toSorted((a, b) => a.code.localeCompare(b.code))
      .map((r) => {
        const children = build(r.code);
        return { value: r.code, label: parent === null ? provinceLabel(r) : r.name, ...(children.length > 0 ? { children } : {}) };
      });
  return build(null);
}

type Props = Omit<CascaderProps<RegionOption, 'value', false>, 'options' | 'multiple' | 'value' | 'onChange' | 'showSearch'> & {
  /** the path from province to the chosen region, e.g. ['130000', '130100', '130102'] */
  value?: string[];
  onChange?: (path: string[]) => void;
};

/** A region picker over reference.regions (Beijing, Tianjin, Hebei). Pass changeOnSelect to allow any level. */
export function RegionCascader({ value, onChange, ...rest }: Props) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const regions = useQuery(trpc.reference.regions.queryOptions());
  const en = i18n.language === 'en';
  const phone = !Grid.useBreakpoint().sm;
  // region names exist in Chinese only; in English the three provinces at least read in English
  const options = useMemo(
    () => regionTree(regions.data ?? [], (r) => (en ? t(`provinces.${r.provinceCode}`) : r.name)),
    [regions.data, en, t],
  );

  const cascader = (
    <Cascader<RegionOption, 'value'>
      {...rest}
      styles={phone ? { popup: { listItem: { maxWidth: 120 } } } : undefined}
      options={options}
      loading={regions.isPending}
      value={value}
      onChange={(path) => onChange?.((path ?? []).map(String))}
      showSearch={{ filter: (input, path) => path.some((o) => o.label.toLowerCase().includes(input.trim().toLowerCase())) }}
    />
  );
  // three columns of the default width overflow a 375 px screen: narrower columns, long names cut (full name on hover)
  return phone ? (
    <ConfigProvider theme={{ components: { Cascader: { controlItemWidth: 64, optionPadding: '5px 8px' } } }}>{cascader}</ConfigProvider>
  ) : (
    cascader
  );
}
