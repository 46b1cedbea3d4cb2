import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card, Flex, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { noticeCategories, type NoticeCategory, type NoticeChannel } from '@ronghe/domain/notifications';
import { useTRPC } from '../../lib/trpc.ts';
import { messageOf } from '../../lib/errors.ts';
import { QueryState } from '../../components/query-state.tsx';

/** Which notices also come by email or text message, and the language they are written in (issue 20). */
export function PreferencesCard() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const prefs = useQuery(trpc.account.preferences.queryOptions());
  const save = useMutation(
    trpc.account.setPreferences.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.account.preferences.queryKey(), data);
        void message.success(t('preferences.saved'));
      },
      onError: (e) => void message.error(messageOf(e)),
    }),
  );
  const data = prefs.data;
  const setChannel = (category: NoticeCategory, channel: NoticeChannel) =>
    data && save.mutate({ noticeChannels: { ...data.noticeChannels, [category]: channel } });

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 16 }}>
          {t('preferences.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph>{t('preferences.intro')}</Typography.Paragraph>
      <QueryState query={prefs}>
        {data && (
          <Flex vertical gap={12}>
            {noticeCategories.map((category) => (
              <Flex key={category} justify="space-between" align="center" wrap gap={8}>
                <label htmlFor={`notice-${category}`}>{t(`preferences.categories.${category}`)}</label>
                <Select<NoticeChannel>
                  id={`notice-${category}`}
                  style={{ minWidth: 150 }}
                  value={data.noticeChannels[category] ?? 'inApp'}
                  onChange={(v) => setChannel(category, v)}
                  options={[
                    { value: 'inApp', label: t('preferences.channels.inApp') },
                    { value: 'email', label: t('preferences.channels.email'), disabled: !data.available.email },
                    { value: 'sms', label: t('preferences.channels.sms'), disabled: !data.available.sms },
                  ]}
                />
              </Flex>
            ))}
            <Flex justify="space-between" align="center" wrap gap={8}>
              <label htmlFor="notice-language">{t('preferences.language')}</label>
              <Select<'zh-CN' | 'en'>
                id="notice-language"
                style={{ minWidth: 150 }}
                value={data.language}
                onChange={(language) => save.mutate({ language })}
                options={[
                  { value: 'zh-CN', label: '中文' },
                  { value: 'en', label: 'English' },
                ]}
              />
            </Flex>
          </Flex>
        )}
      </QueryState>
    </Card>
  );
}
