import { useCallback, useEffect, useState } from 'react';
import { HashRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { Button, Layout, Menu, Space, Spin, Tag, message } from 'antd';
import { ROLE_TEXT, type AdminAccount } from '@daojia/domain';
import { api, cloud, errorText, isForbidden } from './services/cloud';
import { Login } from './pages/Login';
import { Overview } from './pages/Overview';
import { Stores } from './pages/Stores';
import { Orders } from './pages/Orders';
import { RefundIssues } from './pages/RefundIssues';
import { Applications } from './pages/Applications';

const MENU = [
  { key: '/overview', label: '数据概览' },
  { key: '/stores', label: '商户管理' },
  { key: '/orders', label: '订单管理' },
  { key: '/refund-issues', label: '退款异常' },
  { key: '/applications', label: '入驻审核', permission: 'platform.merchants.audit' },
];
/** The menu offers only what the signed-in staff member's permissions allow (entries without one: every role). */
const menuFor = (admin: AdminAccount) => MENU.filter((m) => !m.permission || admin.permissions.includes(m.permission)).map(({ key, label }) => ({ key, label }));
// Loose on purpose while platform roles grow (issue 9 item 3): a role without a label here shows as its id.

function Shell({ admin, onSignOut }: { admin: AdminAccount; onSignOut: () => void }) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  // FORBIDDEN or an expired session sends the user back to sign in; other errors are shown and the page stays.
  const onError = useCallback(
    (e: unknown) => {
      message.error(errorText(e));
      if (isForbidden(e)) onSignOut();
    },
    [onSignOut],
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider theme="light" width={200}>
        <div style={{ padding: 16, fontWeight: 600 }}>到家 · 管理后台</div>
        <Menu mode="inline" selectedKeys={[pathname]} items={menuFor(admin)} onClick={(i) => navigate(i.key)} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end' }}>
          <Space id="admin-identity">
            <span>{admin.name}</span>
            <Tag color="blue">
              {admin.roles.map((r) => ROLE_TEXT[r]).join('、')}
              {admin.regions?.length ? ` · ${admin.regions.join('、')}` : ''}
            </Tag>
            <Button id="sign-out" onClick={onSignOut}>
              退出登录
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Routes>
            <Route path="/overview" element={<Overview onError={onError} />} />
            <Route path="/stores" element={<Stores onError={onError} />} />
            <Route path="/orders" element={<Orders onError={onError} />} />
            <Route path="/refund-issues" element={<RefundIssues onError={onError} />} />
            <Route path="/applications" element={<Applications onError={onError} />} />
            <Route path="*" element={<Navigate to="/overview" replace />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export function App() {
  const [admin, setAdmin] = useState<AdminAccount | null | undefined>(undefined);
  const load = useCallback(() => {
    if (!cloud.currentUser()) {
      setAdmin(null);
      return;
    }
    api.admin.whoami().then(
      (r) => setAdmin(r.admin),
      (e) => {
        message.error(errorText(e));
        cloud.signOut().then(() => setAdmin(null));
      },
    );
  }, []);
  useEffect(load, [load]);
  const signOut = useCallback(() => {
    cloud.signOut().then(() => setAdmin(null));
  }, []);
  if (admin === undefined) return <Spin style={{ margin: 80 }} />;
  return <HashRouter>{admin ? <Shell admin={admin} onSignOut={signOut} /> : <Login onSignedIn={load} />}</HashRouter>;
}
