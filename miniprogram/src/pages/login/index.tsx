import { useState } from 'react';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Cell, Button } from '@nutui/nutui-react-taro';
import type { DevAccount } from '@daojia/cloud-client';
import { cloud, cloudEnv, errorMessage } from '../../services/cloud';
import { PageError, PageToast, showError } from '../../components/feedback';

/** Local development sign-in: pick a seeded demo consumer. In WeChat the platform signs the user in. */
export default function Login() {
  const [accounts, setAccounts] = useState<DevAccount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Why the app sent the user here (e.g. an anonymous session tried to order), as the cloud said it.
  const reason = useRouter().params.reason;

  const load = () => {
    setError(null);
    cloud.devAccounts().then((list: DevAccount[]) => setAccounts(list.filter((a) => a.role === 'consumer')), (e: unknown) => setError(errorMessage(e)));
  };
  useLoad(load);

  async function pick(id: string) {
    try {
      await cloud.devLogin(id);
      await Taro.reLaunch({ url: '/pages/index/index' });
    } catch (err) {
      showError(err);
    }
  }

  return (
    <View className='page' id='page-login'>
      <View className='section'>
        <Text className='title'>选择演示用户登录</Text>
        {reason && <View className='notice' id='login-reason'>{decodeURIComponent(reason)}</View>}
        <View className='muted'>本地开发环境：选择一个演示用户即可登录</View>
      </View>
      {/* In production there are no demo accounts to fetch again. */}
      {error && <PageError id='login-error' message={error}>{!cloudEnv && <Button id='login-error-retry' onClick={load}>重试</Button>}</PageError>}
      {accounts?.map((a) => (
        <Cell key={a._id} title={a.name} description={a.description}
          extra={<Button size='small' type='primary' id={`login-${a._id}`} onClick={() => pick(a._id)}>登录</Button>} />
      ))}
      <PageToast />
    </View>
  );
}
