import { useState } from 'react';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Cell, Button } from '@nutui/nutui-react-taro';
import { errorMessage, type CloudClient, type DevAccount } from '@daojia/cloud-client';
import { cloudEnv } from './cloud';
import { PageError, PageToast, showError } from './feedback';

export interface DevLoginProps {
  cloud: CloudClient;
  /** Which demo accounts this app lists. */
  role: DevAccount['role'];
  title: string;
  hint: string;
  /** Where a signed-in user goes. */
  home: string;
}

/**
 * Local development sign-in: pick a seeded demo account of the app's role. In WeChat the platform signs the user in.
 * `?reason=` is why the app sent the user here (e.g. an anonymous session tried to order), as the cloud said it.
 */
export function DevLogin({ cloud, role, title, hint, home }: DevLoginProps) {
  const [accounts, setAccounts] = useState<DevAccount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reason = useRouter().params.reason;

  const load = () => {
    setError(null);
    cloud.devAccounts().then(
      (list: DevAccount[]) => setAccounts(list.filter((a) => a.role === role)),
      (e: unknown) => setError(errorMessage(e)),
    );
  };
  useLoad(load);

  async function pick(id: string) {
    try {
      await cloud.devLogin(id);
      await Taro.reLaunch({ url: home });
    } catch (err) {
      showError(err);
    }
  }

  return (
    <View className="page" id="page-login">
      <View className="section">
        <Text className="title">{title}</Text>
        {reason && (
          <View className="notice" id="login-reason">
            {decodeURIComponent(reason)}
          </View>
        )}
        <View className="muted">{hint}</View>
      </View>
      {/* In production there are no demo accounts to fetch again. */}
      {error && (
        <PageError id="login-error" message={error}>
          {!cloudEnv && (
            <Button id="login-error-retry" onClick={load}>
              重试
            </Button>
          )}
        </PageError>
      )}
      {accounts?.map((a) => (
        <Cell
          key={a._id}
          title={a.name}
          description={a.description}
          extra={
            <Button size="small" type="primary" id={`login-${a._id}`} onClick={() => pick(a._id)}>
              登录
            </Button>
          }
        />
      ))}
      <PageToast />
    </View>
  );
}
