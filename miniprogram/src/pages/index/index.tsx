import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Tabs, Tag, Button } from '@nutui/nutui-react-taro';
import { Store as StoreIcon } from '@nutui/icons-react-taro';
import { errorMessage } from '@daojia/cloud-client';
import { CATEGORY_LABELS, MODE_SHORT_LABELS, formatFen, type Category, type NearbyQuery, type NearbyStore } from '@daojia/domain';
import { CloudImage, EmptyState, PageError, PageToast } from '@daojia/app-kit';
import { api, ensureSignedIn } from '../../services/cloud';
import { formatDistance } from '../../lib/distance';
import { locate, type Located } from '../../lib/location';

const CATEGORY_TABS: { value: Category | 'all'; label: string }[] = [
  { value: 'all', label: '全部' },
  ...(Object.entries(CATEGORY_LABELS) as [Category, string][]).map(([value, label]) => ({ value, label })),
];
const DISTANCES = [
  { value: 0, label: '不限距离' },
  { value: 1000, label: '1km内' },
  { value: 3000, label: '3km内' },
  { value: 5000, label: '5km内' },
];
const RATINGS = [
  { value: 0, label: '不限评分' },
  { value: 4, label: '4.0分以上' },
  { value: 4.5, label: '4.5分以上' },
];

export default function Nearby() {
  const [ready, setReady] = useState(false);
  const [where, setWhere] = useState<Located | null>(null);
  const [category, setCategory] = useState<string>('all');
  const [maxDistanceM, setMaxDistanceM] = useState(0);
  const [minRating, setMinRating] = useState(0);
  const [openNow, setOpenNow] = useState(false);
  const [stores, setStores] = useState<NearbyStore[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useDidShow(() => {
    ensureSignedIn()
      .then(async (ok) => {
        if (!ok) return;
        setWhere(await locate());
        setReady(true);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  });

  useEffect(() => {
    if (!ready || !where) return;
    const query: NearbyQuery = { lng: where.lng, lat: where.lat, limit: 50 };
    if (category !== 'all') query.category = category as Category;
    if (maxDistanceM) query.maxDistanceM = maxDistanceM;
    if (minRating) query.minRating = minRating;
    if (openNow) query.openNow = true;
    let current = true;
    setError(null);
    api.store.nearby(query).then(
      // The cloud gives every store its distance when the query says where the user is, as this one always does.
      (r) => {
        if (current) setStores([...r.stores].sort((a, b) => (a.distanceM ?? 0) - (b.distanceM ?? 0)));
      },
      (e: unknown) => {
        if (current) setError(errorMessage(e));
      },
    );
    return () => {
      current = false;
    };
  }, [ready, where, category, maxDistanceM, minRating, openNow, attempt]);

  return (
    <View className="page" id="page-nearby">
      <View className="section row">
        <Text className="muted" id="location-text">
          {where ? (where.isDemo ? '演示位置：上海市中心' : '当前位置附近') : '定位中…'}
        </Text>
        <Button size="small" id="my-orders" onClick={() => Taro.navigateTo({ url: '/pages/orders/index' })}>
          我的订单
        </Button>
      </View>
      <View id="category-tabs">
        <Tabs value={category} onChange={(v) => setCategory(String(v))}>
          {CATEGORY_TABS.map((c) => (
            <Tabs.TabPane key={c.value} value={c.value} title={c.label} />
          ))}
        </Tabs>
      </View>
      <View className="chips" id="filters">
        {DISTANCES.map((d) => (
          <View key={d.value} id={`filter-distance-${d.value}`} onClick={() => setMaxDistanceM(d.value)}>
            <Tag type={maxDistanceM === d.value ? 'primary' : 'default'}>{d.label}</Tag>
          </View>
        ))}
        {RATINGS.map((r) => (
          <View key={r.value} id={`filter-rating-${r.value}`} onClick={() => setMinRating(r.value)}>
            <Tag type={minRating === r.value ? 'primary' : 'default'}>{r.label}</Tag>
          </View>
        ))}
        <View id="filter-open" onClick={() => setOpenNow(!openNow)}>
          <Tag type={openNow ? 'primary' : 'default'}>营业中</Tag>
        </View>
      </View>
      <View id="store-list">
        {error && (
          <PageError id="nearby-error" message={error}>
            <Button id="nearby-error-retry" onClick={() => setAttempt((n) => n + 1)}>
              重试
            </Button>
          </PageError>
        )}
        {!error && stores?.length === 0 && <EmptyState icon={<StoreIcon size={56} color="#c8c9cc" />} description="附近暂无符合条件的店铺" />}
        {stores?.map((s) => (
          <View key={s._id} id={`store-card-${s._id}`} className="section store-card" onClick={() => Taro.navigateTo({ url: `/pages/store/index?id=${s._id}` })}>
            <CloudImage src={s.logo} className="store-logo" placeholder={<Text className="store-logo-text">{s.name.slice(0, 1)}</Text>} />
            <View className="store-card-body">
              <View className="row">
                <Text className="title">{s.name}</Text>
                <Text className="muted" id={`store-distance-${s._id}`}>
                  {s.distanceM !== undefined && formatDistance(s.distanceM)}
                </Text>
              </View>
              <View className="row">
                <Text className="muted">
                  {s.rating.toFixed(1)}分 · {s.ratingCount}条评价 · {s.isOpen ? '营业中' : '休息中'}
                </Text>
                <Text className="muted">{s.modes.map((m) => MODE_SHORT_LABELS[m]).join('/')}</Text>
              </View>
              <Text className="muted">
                起送 {formatFen(s.minOrderFen)} · 配送 {formatFen(s.deliveryFeeFen)} · {s.address}
              </Text>
            </View>
          </View>
        ))}
      </View>
      <PageToast />
    </View>
  );
}
