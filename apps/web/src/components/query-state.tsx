import type { ReactNode } from 'react';
import { Alert, Button, Skeleton, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48, textAlign: 'center' }} role="status" aria-live="polite">
      <Spin description={t('common.loading')} />
    </div>
  );
}

type QueryLike = { isPending: boolean; isError: boolean; error: { message: string } | null; refetch: () => unknown };

/** Skeleton while loading, an error with a retry button on failure, the content otherwise. */
export function QueryState({ query, children, rows = 4 }: { query: QueryLike; children: ReactNode; rows?: number }) {
  const { t } = useTranslation();
  if (query.isPending) return <Skeleton active paragraph={{ rows }} />;
  if (query.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={t('common.loadFailed')}
        description={query.error?.message}
        action={
          <Button size="small" onClick={() => query.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  return <>{children}</>;
}
