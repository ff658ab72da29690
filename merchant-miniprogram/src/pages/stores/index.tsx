import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { Store } from '@nutui/icons-react-taro';
import { ROLE_TEXT, type MyStore } from '@daojia/domain';
import { EmptyState, PageToast, showError } from '@daojia/app-kit';
import { api, currentStoreId, ensureSignedIn, setCurrentStore, WORKBENCH_PAGE } from '../../services/cloud';
import { STORE_STATUS_TEXT } from '../../lib/workbench';

/** The stores I work at, each with my role: choosing one makes it the store every call acts on. */
export default function Stores() {
  const [stores, setStores] = useState<MyStore[] | null>(null);
  const chosen = currentStoreId();

  useDidShow(() => {
    ensureSignedIn()
      .then(async (ok) => {
        if (ok) setStores((await api.merchantAccount.myStores()).stores);
      })
      .catch(showError);
  });

  function choose(s: MyStore) {
    setCurrentStore(s.storeId);
    // A fresh start, so every page reads the new store.
    void Taro.reLaunch({ url: WORKBENCH_PAGE });
  }

  return (
    <View className="page" id="page-stores">
      <View className="section">
        <Text className="title">我任职的门店</Text>
      </View>
      {stores && stores.length === 0 && <EmptyState icon={<Store size={56} color="#c8c9cc" />} description="还没有门店" />}
      {stores?.map((s) => (
        <View key={s.storeId} id={`store-${s.storeId}`}>
          <Cell
            title={`${s.name}${s.storeId === chosen ? '（当前）' : ''}`}
            description={`${ROLE_TEXT[s.role]} · ${STORE_STATUS_TEXT[s.status]} · ${s.region}`}
            extra={
              <Button size="small" type={s.storeId === chosen ? 'default' : 'primary'} id={`choose-${s.storeId}`} onClick={() => choose(s)}>
                进入
              </Button>
            }
          />
        </View>
      ))}
      <View className="section row" style={{ gap: '12px' }}>
        <Button id="stores-apply" onClick={() => Taro.navigateTo({ url: '/pages/apply/index' })}>
          申请开店
        </Button>
        <Button id="stores-join" onClick={() => Taro.navigateTo({ url: '/pages/join/index' })}>
          输入邀请码
        </Button>
      </View>
      <PageToast />
    </View>
  );
}
