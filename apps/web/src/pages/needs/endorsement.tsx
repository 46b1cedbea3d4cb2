import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { messageOf } from '../../lib/errors.ts';
import { Heading } from '../../components/heading.tsx';

/** 共同体推荐: managers of a consortium's lead or council organisations endorse a member enterprise's need, or take it back. */
export function Endorsement({
  needId,
  consortiumId,
  consortiumName,
}: {
  needId: string;
  consortiumId: string | null;
  consortiumName: string | null;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const options = useQuery(trpc.needs.endorsableConsortia.queryOptions({ needId }));
  const [chosen, setChosen] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const done = (text: string) => () =>
    void queryClient.invalidateQueries({ queryKey: trpc.needs.pathKey() }).then(() => message.success(text));
  const onError = (e: unknown) => setFailure(messageOf(e));
  const endorse = useMutation(trpc.needs.endorse.mutationOptions({ onSuccess: done(t('needs.endorsed')), onError }));
  const withdraw = useMutation(
    trpc.needs.withdrawEndorsement.mutationOptions({ onSuccess: done(t('needs.endorsementWithdrawn')), onError }),
  );
  const list = options.data ?? [];
  if (list.length === 0) return null;
  const value = chosen ?? list[0]?.id ?? '';
  return (
    <Card title={<Heading>{t('needs.endorseTitle')}</Heading>} style={{ marginBottom: 16 }}>
      {failure && <Alert type="error" role="alert" showIcon title={failure} style={{ marginBottom: 12 }} />}
      {consortiumId ? (
        <Space wrap>
          <Typography.Text>{t('needs.endorsedBy', { name: consortiumName ?? '' })}</Typography.Text>
          {list.some((c) => c.id === consortiumId) && (
            <Button loading={withdraw.isPending} onClick={() => withdraw.mutate({ needId })}>
              {t('needs.withdrawEndorsement')}
            </Button>
          )}
        </Space>
      ) : (
        <Space wrap>
          <label htmlFor="endorse-consortium">{t('needs.endorseAs')}</label>
          <Select
            id="endorse-consortium"
            style={{ minWidth: 240 }}
            value={value}
            onChange={setChosen}
            options={list.map((c) => ({ value: c.id, label: c.name }))}
          />
          <Button type="primary" loading={endorse.isPending} onClick={() => endorse.mutate({ needId, consortiumId: value })}>
            {t('needs.endorse')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
