import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { PageToast, showInfo, useBusy } from '@daojia/app-kit';
import { api, setCurrentStore, WORKBENCH_PAGE } from '../../services/cloud';

/** Join a store's staff with the 6-character code its owner gave you; you become a clerk there. */
export default function Join() {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [busy, run] = useBusy();
  const typed = code.replace(/\s+/g, '');

  const submit = () =>
    run(async () => {
      const { store } = await api.merchantAccount.join({ code: typed, ...(name.trim() ? { name: name.trim() } : {}) });
      setCurrentStore(store.storeId);
      showInfo(`已加入 ${store.name}`);
      await Taro.reLaunch({ url: WORKBENCH_PAGE });
    });

  return (
    <View className="page" id="page-join">
      <View className="section">
        <Text className="title">输入邀请码</Text>
        <View className="muted">邀请码由店长在「员工」页生成，6 位字母或数字，72 小时内有效，只能使用一次。</View>
        <Input id="join-code" placeholder="例如 K7M2QX" value={code} onChange={(v) => setCode(v.toUpperCase())} maxLength={8} />
        <Input id="join-name" placeholder="你的称呼（选填，店长在员工列表里看到）" value={name} onChange={setName} maxLength={20} />
        <Button block type="primary" id="join-submit" loading={busy} disabled={typed.length !== 6 || busy} onClick={submit}>
          加入门店
        </Button>
      </View>
      <PageToast />
    </View>
  );
}
