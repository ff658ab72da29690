import { useEffect, useState } from 'react';
import { Alert, Button, Card, List, Spin, Typography, message } from 'antd';
import type { DevAccount } from '@daojia/cloud-client';
import { adminAccounts, cloud, errorText } from '../services/cloud';

/** Local mode only: pick a demo admin. In production the panel signs in against CloudBase auth instead. */
export function Login({ onSignedIn }: { onSignedIn: () => void }) {
  const [accounts, setAccounts] = useState<DevAccount[] | null>(null);
  useEffect(() => {
    adminAccounts().then(setAccounts, (e) => {
      message.error(errorText(e));
      setAccounts([]);
    });
  }, []);
  const signIn = async (id: string) => {
    try {
      await cloud.devLogin(id);
      onSignedIn();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <div style={{ maxWidth: 480, margin: '80px auto' }} id="page-login">
      <Card title="到家 · 平台管理后台">
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message="本地开发环境" description="选择一个演示管理员账号登录。生产环境不提供此登录方式。" />
        {accounts === null ? (
          <Spin />
        ) : (
          <List
            dataSource={accounts}
            renderItem={(a) => (
              <List.Item
                actions={[
                  <Button type="primary" id={`login-${a._id}`} key="go" onClick={() => signIn(a._id)}>
                    登录
                  </Button>,
                ]}
              >
                <List.Item.Meta title={a.name} description={<Typography.Text type="secondary">{a.description}</Typography.Text>} />
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
