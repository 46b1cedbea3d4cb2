// Multi-selects that search the server as the user types: co-building organisations and consortia.
import { useEffect, useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import type { Labelled } from './edit-values.tsx';

type ControlProps = {
  /** given by Form.Item, so the label points at the input */
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  /** names of the values already chosen (from the saved base) */
  initial: Labelled[];
  placeholder?: string;
};

/** The search text, settled 300 ms after the last key. */
function useSearchText() {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  return { q, setTyped };
}

function RemoteMultiSelect({
  id,
  value = [],
  onChange,
  initial,
  placeholder,
  found,
  loading,
  onSearch,
}: ControlProps & { found: Labelled[]; loading: boolean; onSearch: (s: string) => void }) {
  const { t } = useTranslation();
  // chosen values keep their names when a later search no longer returns them
  const [picked, setPicked] = useState(() => new Map(initial.map((o) => [o.value, o.label])));
  const options = useMemo(() => {
    const shown = new Set(found.map((o) => o.value));
    const chosen = value.filter((v) => !shown.has(v)).map((v) => ({ value: v, label: picked.get(v) ?? v }));
    return [...chosen, ...found];
  }, [found, value, picked]);
  const change = (next: string[]) => {
    setPicked((prev) => new Map([...prev, ...options.filter((o) => next.includes(o.value)).map((o) => [o.value, o.label] as const)]));
    onChange?.(next);
  };
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={change}
      options={options}
      placeholder={placeholder}
      loading={loading}
      showSearch={{ filterOption: false, onSearch }}
      notFoundContent={loading ? null : t('common.noData')}
      onBlur={() => onSearch('')}
    />
  );
}

/** Verified organisations (organizations.list), the owner left out. */
export function CoBuilderSelect({ ownerId, ...props }: ControlProps & { ownerId?: string }) {
  const trpc = useTRPC();
  const { t } = useTranslation();
  const { q, setTyped } = useSearchText();
  const orgs = useQuery(trpc.organizations.list.queryOptions({ q: q || undefined, limit: 20 }, { placeholderData: keepPreviousData }));
  const found = useMemo(
    () =>
      (orgs.data?.items ?? [])
        .filter((o) => o.id !== ownerId)
        .map((o) => ({
          value: o.id,
          label: `${o.name}${t('consortia.paren', { text: `${t(`kinds.${o.kind}`)} · ${t(`provinces.${o.provinceCode}`)}` })}`,
        })),
    [orgs.data, ownerId, t],
  );
  return <RemoteMultiSelect {...props} found={found} loading={orgs.isFetching} onSearch={setTyped} />;
}

/** The active consortia the owner is an active member of (consortia.ofOrganization), filtered as the user types. */
export function ConsortiumSelect({ ownerId, ...props }: ControlProps & { ownerId?: string }) {
  const trpc = useTRPC();
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useQuery(trpc.consortia.ofOrganization.queryOptions({ organizationId: ownerId ?? '' }, { enabled: Boolean(ownerId) }));
  const found = useMemo(
    () =>
      (list.data ?? [])
        .filter((c) => c.status === 'active' && c.membershipStatus === 'active' && c.name.includes(q.trim()))
        .map((c) => ({ value: c.id, label: `${c.name}${t('consortia.paren', { text: t(`consortia.kindsShort.${c.kind}`) })}` })),
    [list.data, q, t],
  );
  return <RemoteMultiSelect {...props} found={found} loading={list.isFetching} onSearch={setQ} />;
}
