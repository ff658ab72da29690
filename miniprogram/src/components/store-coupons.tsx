import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen, type ApiOutput } from '@daojia/domain';
import { showError, showInfo, useBusy } from '@daojia/app-kit';
import { api, ensureSignedIn } from '../services/cloud';

type Claimable = ApiOutput<'marketing', 'storeCoupons'>['coupons'][number];

/** The store's coupons to claim (领券) on its page: what each gives, and 领取 until the caller holds their limit or none are left. */
export function StoreCoupons({ storeId }: { storeId: string }) {
  const [coupons, setCoupons] = useState<Claimable[]>([]);
  const [busy, run] = useBusy();
  const load = () => api.marketing.storeCoupons({ storeId }).then((r) => setCoupons(r.coupons), showError);
  useEffect(() => {
    load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storeId]);
  if (!coupons.length) return null;

  const claim = (c: Claimable) =>
    run(async () => {
      if (!(await ensureSignedIn())) return;
      await api.marketing.claim({ couponId: c._id });
      showInfo('领取成功，下单时可用');
      await load();
    });

  return (
    <View className="section" id="store-coupons">
      {coupons.map((c) => {
        const full = c.mine !== undefined && c.mine >= c.perUserLimit;
        return (
          <View key={c._id} className="row" id={`store-coupon-${c._id}`} style={{ padding: '6px 0' }}>
            <View>
              <Text className="price">{formatFen(c.amountFen)}</Text>
              <Text> {c.thresholdFen ? `满${formatFen(c.thresholdFen)}可用` : '无门槛'}</Text>
              <View className="muted">{c.title}</View>
            </View>
            <Button size="small" type="primary" id={`claim-${c._id}`} disabled={busy || full || c.left === 0} onClick={() => claim(c)}>
              {full ? '已领取' : c.left === 0 ? '已领完' : '领取'}
            </Button>
          </View>
        );
      })}
    </View>
  );
}
