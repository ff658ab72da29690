import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { APPLICATION_STATUS_TEXT, ROLE_TEXT, type ApplicationView, type MyStore } from '@daojia/domain';
import { PageError, PageToast } from '@daojia/app-kit';
import { errorMessage } from '@daojia/cloud-client';
import { api, currentStoreId, ensureSignedIn, openStorePicker, setCurrentStore } from '../../services/cloud';
import { STORE_STATUS_TEXT, termsText, tilesFor } from '../../lib/workbench';

/**
 * The store's home: which store, my role there, its terms, and a tile for each page my permissions there allow.
 * Someone with no store yet is offered 申请开店 and 输入邀请码 (with their applications' status), not an error.
 */
export default function Workbench() {
  const [stores, setStores] = useState<MyStore[] | null>(null);
  const [applications, setApplications] = useState<ApplicationView[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    setError(null);
    try {
      if (!(await ensureSignedIn())) return;
      const [mine, apps] = await Promise.all([api.merchantAccount.myStores(), api.merchantAccount.myApplications()]);
      setStores(mine.stores);
      setApplications(apps.applications);
      const chosen = currentStoreId();
      if (mine.stores.length === 1 && chosen !== mine.stores[0].storeId) setCurrentStore(mine.stores[0].storeId);
      else if (chosen && !mine.stores.some((s) => s.storeId === chosen)) setCurrentStore(undefined);
      if (mine.stores.length > 1 && !mine.stores.some((s) => s.storeId === currentStoreId())) openStorePicker();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  useDidShow(() => void load());

  const current = stores?.find((s) => s.storeId === currentStoreId()) ?? (stores?.length === 1 ? stores[0] : undefined);
  const latest = applications[0];

  if (error) {
    return (
      <View className="page" id="page-workbench">
        <PageError id="workbench-error" message={error}>
          <Button onClick={() => void load()}>重试</Button>
        </PageError>
        <PageToast />
      </View>
    );
  }

  return (
    <View className="page" id="page-workbench">
      {stores && stores.length === 0 && (
        <View className="section" id="workbench-no-store">
          <Text className="title">你还没有门店</Text>
          <View className="muted">申请开店，审核通过后即可在这里经营；或输入店长给你的邀请码加入门店。</View>
          {latest && (
            <View className="notice" id="workbench-application">
              最近的开店申请「{latest.name}」：{APPLICATION_STATUS_TEXT[latest.status]}
              {latest.status === 'rejected' && latest.reason ? `，原因：${latest.reason}` : ''}
            </View>
          )}
          <View className="row" style={{ gap: '12px', marginTop: '12px' }}>
            {latest?.status !== 'pending' && latest?.status !== 'approving' && (
              <Button type="primary" id="workbench-apply" onClick={() => Taro.navigateTo({ url: '/pages/apply/index' })}>
                申请开店
              </Button>
            )}
            <Button id="workbench-join" onClick={() => Taro.navigateTo({ url: '/pages/join/index' })}>
              输入邀请码
            </Button>
          </View>
        </View>
      )}
      {stores && stores.length > 0 && !current && (
        <View className="section" id="workbench-choose">
          <Text className="title">请选择要经营的门店</Text>
          <Button type="primary" id="workbench-choose-store" onClick={() => Taro.navigateTo({ url: '/pages/stores/index' })}>
            选择门店
          </Button>
        </View>
      )}
      {current && (
        <>
          <View className="section" id="workbench-store">
            <View className="row">
              <Text className="title" id="workbench-store-name">
                {current.name}
              </Text>
              <Button size="small" id="workbench-switch" onClick={() => Taro.navigateTo({ url: '/pages/stores/index' })}>
                切换门店
              </Button>
            </View>
            <View className="muted">
              <Text id="workbench-role">我的角色：{ROLE_TEXT[current.role]}</Text> · <Text id="workbench-status">{STORE_STATUS_TEXT[current.status]}</Text>
            </View>
            {current.terms && (
              <View className="muted" id="workbench-terms">
                {termsText(current.terms)}
              </View>
            )}
            {current.status === 'closed' && current.role === 'owner' && <View className="notice">新店默认休息中，完善店铺设置和商品后即可开店营业。</View>}
          </View>
          <View className="section" id="workbench-tiles">
            {tilesFor(current.permissions).map((t) => (
              <View key={t.id} id={`tile-${t.id}`} onClick={() => Taro.navigateTo({ url: t.url })}>
                <Cell title={t.label} clickable />
              </View>
            ))}
          </View>
        </>
      )}
      <PageToast />
    </View>
  );
}
