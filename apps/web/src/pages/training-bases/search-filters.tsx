// The filters of the search page; their state is the URL query string.
import { useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, DatePicker, Grid, Input, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TrainingBaseKind } from '@ronghe/domain/training-base';
import { useTRPC } from '../../lib/trpc.ts';
import { industryGroups } from '../../lib/industry-options.ts';
import { RegionCascader } from '../../components/region-cascader.tsx';
import { baseKinds, filtersFromParams, MAX_FREE_DAYS, type BaseFilters } from './search-params.ts';

export type Update = (changes: Record<string, string | undefined>) => void;

/** The filters in the URL and a way to change them (a change replaces the history entry). */
export function useBaseSearchParams() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const update: Update = useCallback(
    (changes) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { params, filters, update };
}

/** Filters other than the keyword that are set. */
export function activeFilterCount(f: BaseFilters): number {
  return [f.regionCode, f.kind, f.majorCategory, f.majorCode, f.industryCode, f.openToPartners, f.freeFrom].filter((v) => v !== undefined)
    .length;
}

export const clearedFilters = {
  regionCode: undefined,
  kind: undefined,
  majorCategory: undefined,
  majorCode: undefined,
  industryCode: undefined,
  openToPartners: undefined,
  freeFrom: undefined,
  freeTo: undefined,
  freeStations: undefined,
};

function Field({ label, htmlFor, children }: { label: string; htmlFor: string; children: ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <label htmlFor={htmlFor} style={{ display: 'block', marginBottom: 4, fontWeight: 500 }}>
        {label}
      </label>
      {children}
    </div>
  );
}

const dayOf = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** The keyword box and the filter controls. */
export function BaseSearchFilters({ filters, update }: { filters: BaseFilters; update: Update }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const compact = !Grid.useBreakpoint().md;
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  const regions = useQuery(trpc.reference.regions.queryOptions());
  const majors = useQuery(trpc.reference.majors.queryOptions());
  const industries = useQuery(trpc.reference.industries.queryOptions());

  // the cascader wants the path from the province down; the URL keeps only the chosen code
  const regionPath = useMemo(() => {
    if (!filters.regionCode) return [];
    const byCode = new Map((regions.data ?? []).map((r) => [r.code, r]));
    const path: string[] = [];
    for (let r = byCode.get(filters.regionCode); r; r = r.parentCode ? byCode.get(r.parentCode) : undefined) path.unshift(r.code);
    return path.length > 0 ? path : [filters.regionCode];
  }, [filters.regionCode, regions.data]);

  const categories = useMemo(() => (majors.data?.categories ?? []).toSorted((a, b) => a.seq - b.seq), [majors.data]);
  const majorOptions = useMemo(
    () =>
      categories
        .filter((c) => !filters.majorCategory || c.seq === filters.majorCategory)
        .map((c) => ({
          label: c.name,
          title: c.name,
          options: (majors.data?.majors ?? [])
            .filter((m) => m.categorySeq === c.seq)
            .map((m) => ({ value: m.code, label: `${m.code} ${m.name}（${t(`base-search.majorLevels.${m.level}`)}）` })),
        }))
        .filter((g) => g.options.length > 0),
    [categories, majors.data, filters.majorCategory, t],
  );
  const industryOptions = useMemo(() => industryGroups(industries.data?.gbt4754 ?? []), [industries.data]);

  const today = dayjs().startOf('day');
  const range: [Dayjs, Dayjs] | null = filters.freeFrom && filters.freeTo ? [dayjs(filters.freeFrom), dayjs(filters.freeTo)] : null;
  const setRange = (from: string | undefined, to: string | undefined) =>
    update({ freeFrom: from, freeTo: to, ...(from ? {} : { freeStations: undefined }) });
  const count = activeFilterCount(filters);
  const ids = {
    q: `${id}-q`,
    region: `${id}-region`,
    kind: `${id}-kind`,
    category: `${id}-category`,
    major: `${id}-major`,
    industry: `${id}-industry`,
    from: `${id}-from`,
    to: `${id}-to`,
    stations: `${id}-stations`,
  };
  const full = { width: '100%' };

  const controls = (
    <div
      id={`${id}-filters`}
      style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 220px), 1fr))', gap: '12px 16px', marginTop: 12 }}
    >
      <Field label={t('base-search.region')} htmlFor={ids.region}>
        <RegionCascader
          id={ids.region}
          changeOnSelect
          allowClear
          placeholder={t('base-search.anyRegion')}
          value={regionPath}
          onChange={(path) => update({ regionCode: path.at(-1) })}
          style={full}
        />
      </Field>
      <Field label={t('base-search.kind')} htmlFor={ids.kind}>
        <Select<TrainingBaseKind>
          id={ids.kind}
          allowClear
          placeholder={t('base-search.anyKind')}
          value={filters.kind}
          onChange={(v) => update({ kind: v })}
          options={baseKinds.map((k) => ({ value: k, label: t(`bases.kinds.${k}`) }))}
          style={full}
          popupMatchSelectWidth={false}
        />
      </Field>
      <Field label={t('base-search.category')} htmlFor={ids.category}>
        <Select<number>
          id={ids.category}
          allowClear
          placeholder={t('base-search.anyCategory')}
          value={filters.majorCategory}
          loading={majors.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          onChange={(v) => {
            const keepMajor = v === undefined || majors.data?.majors.some((m) => m.code === filters.majorCode && m.categorySeq === v);
            update({ majorCategory: v === undefined ? undefined : String(v), ...(keepMajor ? {} : { majorCode: undefined }) });
          }}
          options={categories.map((c) => ({ value: c.seq, label: c.name }))}
          style={full}
        />
      </Field>
      <Field label={t('base-search.major')} htmlFor={ids.major}>
        <Select<string>
          id={ids.major}
          allowClear
          placeholder={t('base-search.anyMajor')}
          value={filters.majorCode}
          loading={majors.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          onChange={(v) => update({ majorCode: v })}
          options={majorOptions}
          style={full}
          popupMatchSelectWidth={false}
        />
      </Field>
      <Field label={t('base-search.industry')} htmlFor={ids.industry}>
        <Select<string>
          id={ids.industry}
          allowClear
          placeholder={t('base-search.anyIndustry')}
          value={filters.industryCode}
          loading={industries.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          onChange={(v) => update({ industryCode: v })}
          options={industryOptions}
          style={full}
          popupMatchSelectWidth={false}
        />
      </Field>
      <div style={{ minWidth: 0, gridColumn: compact ? undefined : 'span 2' }}>
        <Field label={t('base-search.freeRange')} htmlFor={ids.from}>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {compact ? (
              <>
                <DatePicker
                  id={ids.from}
                  placeholder={t('base-search.freeFrom')}
                  aria-label={t('base-search.freeFrom')}
                  value={range?.[0] ?? null}
                  disabledDate={(d) => d.isBefore(today)}
                  onChange={(d) => {
                    const from = dayOf(d);
                    const to =
                      from && filters.freeTo && filters.freeTo >= from && dayjs(filters.freeTo).diff(d, 'day') < MAX_FREE_DAYS
                        ? filters.freeTo
                        : from;
                    setRange(from, to);
                  }}
                  inputReadOnly
                  style={{ flex: '1 1 130px' }}
                />
                <DatePicker
                  id={ids.to}
                  placeholder={t('base-search.freeTo')}
                  aria-label={t('base-search.freeTo')}
                  value={range?.[1] ?? null}
                  disabled={!range}
                  disabledDate={(d) => !range || d.isBefore(range[0]) || d.diff(range[0], 'day') >= MAX_FREE_DAYS}
                  onChange={(d) => setRange(filters.freeFrom, dayOf(d) ?? filters.freeFrom)}
                  inputReadOnly
                  style={{ flex: '1 1 130px' }}
                />
              </>
            ) : (
              <DatePicker.RangePicker
                id={{ start: ids.from, end: ids.to }}
                placeholder={[t('base-search.freeFrom'), t('base-search.freeTo')]}
                value={range}
                disabledDate={(d, info) =>
                  d.isBefore(today) || (info.from !== undefined && Math.abs(d.diff(info.from, 'day')) >= MAX_FREE_DAYS)
                }
                onChange={(v) => setRange(dayOf(v?.[0]), dayOf(v?.[1]))}
                style={full}
              />
            )}
          </div>
        </Field>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('base-search.freeHint', { days: MAX_FREE_DAYS })}
        </Typography.Text>
      </div>
      <Field label={t('base-search.freeStations')} htmlFor={ids.stations}>
        <InputNumber<number>
          id={ids.stations}
          min={1}
          max={100_000}
          precision={0}
          disabled={!range}
          value={range ? (filters.freeStations ?? 1) : null}
          onChange={(v) => update({ freeStations: v && v > 1 ? String(v) : undefined })}
          style={full}
        />
      </Field>
      <div style={{ alignSelf: 'center' }}>
        <Checkbox
          checked={filters.openToPartners === true}
          onChange={(e) => update({ openToPartners: e.target.checked ? 'true' : undefined })}
        >
          {t('base-search.openOnly')}
        </Checkbox>
      </div>
      {count > 0 && (
        <div style={{ alignSelf: 'center' }}>
          <Button onClick={() => update(clearedFilters)}>{t('base-search.clearFilters')}</Button>
        </div>
      )}
    </div>
  );

  return (
    <search aria-label={t('base-search.filtersTitle')}>
      <label htmlFor={ids.q} style={{ display: 'block', marginBottom: 4, fontWeight: 500 }}>
        {t('base-search.keyword')}
      </label>
      <Input.Search
        key={filters.q ?? ''}
        id={ids.q}
        allowClear
        defaultValue={filters.q}
        aria-label={t('base-search.keyword')}
        placeholder={t('base-search.keywordPlaceholder')}
        onSearch={(value) => update({ q: value.trim() || undefined })}
        enterButton={t('base-search.search')}
        style={{ maxWidth: 640 }}
      />
      {compact && (
        <Button style={{ marginTop: 12 }} aria-expanded={expanded} aria-controls={`${id}-filters`} onClick={() => setExpanded((e) => !e)}>
          {count > 0 ? t('base-search.showFilters', { count }) : t('base-search.filtersTitle')}
        </Button>
      )}
      {(!compact || expanded) && controls}
    </search>
  );
}
