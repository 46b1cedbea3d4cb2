import { Link, useSearchParams } from 'react-router';
import { Form, Result, Select, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSignedInUser } from '../../lib/session.ts';
import { Heading } from '../../components/heading.tsx';
import { Placements } from './placements.tsx';
import { Projects } from './projects.tsx';
import { sidesOf, useChosenSide, type Side } from './shared.tsx';

const tabs = ['placements', 'projects'] as const;

/** /cooperation (合作实施): an organisation's internship placements and cooperation projects. */
export default function CooperationPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const sides = sidesOf(me.memberships);
  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('cooperation.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 820 }}>{t('cooperation.intro')}</Typography.Paragraph>
      {sides.length === 0 ? (
        <Result
          status="info"
          title={<Heading style={{ fontSize: 22 }}>{t('cooperation.noOrgTitle')}</Heading>}
          subTitle={t('cooperation.noOrgBody')}
          extra={<Link to="/account">{t('cooperation.goAccount')}</Link>}
        />
      ) : (
        <SideTabs sides={sides} preferred={me.activeOrganizationId} />
      )}
    </>
  );
}

function SideTabs({ sides, preferred }: { sides: Side[]; preferred: string | null }) {
  const { t } = useTranslation();
  const { side, setOrgId } = useChosenSide(sides, preferred);
  // the tab lives in the address, so a link (or the back button) lands on 合作项目
  const [params, setParams] = useSearchParams();
  const tab = tabs.find((k) => k === params.get('tab')) ?? 'placements';
  if (!side) return null;
  return (
    <>
      {sides.length > 1 && (
        <Form layout="vertical" style={{ maxWidth: 420 }}>
          <Form.Item label={t('cooperation.organization')} htmlFor="cooperation-org">
            <Select
              id="cooperation-org"
              value={side.organizationId}
              onChange={setOrgId}
              options={sides.map((s) => ({ value: s.organizationId, label: s.name }))}
            />
          </Form.Item>
        </Form>
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'placements' ? {} : { tab: k }, { replace: true })}
        items={[
          { key: 'placements', label: t('cooperation.tabPlacements'), children: <Placements side={side} /> },
          { key: 'projects', label: t('cooperation.tabProjects'), children: <Projects side={side} /> },
        ]}
      />
    </>
  );
}
