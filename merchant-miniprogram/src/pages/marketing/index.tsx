import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { Coupon } from '@nutui/icons-react-taro';
import { COUPON_STATE_LABELS, FULL_REDUCTION_MAX_TIERS, formatFen, formatShanghai, type ApiOutput } from '@daojia/domain';
import { EmptyState, PageToast, showError, showInfo, useBusy } from '@daojia/app-kit';
import { api, ensureSignedIn } from '../../services/cloud';
import { couponInputFromForm, newCouponForm, tierForms, tiersFromForm, type CouponForm, type TierForm } from '../../lib/marketing';
import './index.scss';

type Overview = ApiOutput<'merchantMarketing', 'overview'>;
type CouponRow = Overview['coupons'][number];

/** The store's own promotions: 满减 tiers (edit, save) and store coupons (create, pause / resume, figures). */
export default function Marketing() {
  const [data, setData] = useState<Overview | null>(null);
  const [tiers, setTiers] = useState<TierForm[]>([]);
  const [form, setForm] = useState<CouponForm | null>(null);
  const [busy, run] = useBusy();

  const load = async () => {
    const r = await api.merchantMarketing.overview();
    setData(r);
    setTiers(tierForms(r.fullReductions));
  };
  useDidShow(() => {
    ensureSignedIn()
      .then((ok) => (ok ? load() : undefined))
      .catch(showError);
  });

  const setTier = (i: number, patch: Partial<TierForm>) => setTiers((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const saveTiers = () =>
    run(async () => {
      const parsed = tiersFromForm(tiers);
      if ('error' in parsed) return showError(new Error(parsed.error));
      const { fullReductions } = await api.merchantMarketing.setFullReductions({ tiers: parsed.tiers });
      setTiers(tierForms(fullReductions));
      setData((d) => (d ? { ...d, fullReductions } : d));
      showInfo('满减已保存');
    });

  const create = () =>
    run(async () => {
      if (!form) return;
      const parsed = couponInputFromForm(form);
      if ('error' in parsed) return showError(new Error(parsed.error));
      const { coupon } = await api.merchantMarketing.createCoupon(parsed.input);
      setData((d) => (d ? { ...d, coupons: [coupon, ...d.coupons] } : d));
      setForm(null);
      showInfo('优惠券已创建');
    });

  const togglePause = (c: CouponRow) =>
    run(async () => {
      const { coupon } = await api.merchantMarketing.setCouponPaused({ couponId: c._id, paused: c.state !== 'paused' });
      setData((d) => (d ? { ...d, coupons: d.coupons.map((x) => (x._id === coupon._id ? coupon : x)) } : d));
      showInfo(coupon.state === 'paused' ? '已暂停发放' : '已恢复发放');
    });

  const field = (key: keyof CouponForm, label: string, placeholder: string, type: 'text' | 'digit' | 'number' = 'text') => (
    <View className="tier-row">
      <Text>{label}</Text>
      <Input id={`coupon-${key}`} type={type} value={form?.[key] ?? ''} placeholder={placeholder} onChange={(v) => setForm((f) => (f ? { ...f, [key]: v } : f))} />
    </View>
  );

  return (
    <View className="page" id="page-marketing">
      <View className="section" id="full-reductions">
        <Text className="title">满减</Text>
        <View className="muted">订单商品金额满门槛即减，取满足的最高一档；最多 {FULL_REDUCTION_MAX_TIERS} 档，门槛从低到高。</View>
        {tiers.map((t, i) => (
          <View className="tier-row" key={i} id={`tier-${i}`}>
            <Text>满</Text>
            <Input id={`tier-${i}-threshold`} type="digit" value={t.threshold} placeholder="门槛（元）" onChange={(v) => setTier(i, { threshold: v })} />
            <Text>减</Text>
            <Input id={`tier-${i}-reduction`} type="digit" value={t.reduction} placeholder="减免（元）" onChange={(v) => setTier(i, { reduction: v })} />
            <Button size="small" id={`tier-${i}-remove`} onClick={() => setTiers((rows) => rows.filter((_, j) => j !== i))}>
              删除
            </Button>
          </View>
        ))}
        <View className="row">
          <Button size="small" id="tier-add" disabled={tiers.length >= FULL_REDUCTION_MAX_TIERS} onClick={() => setTiers((rows) => [...rows, { threshold: '', reduction: '' }])}>
            添加一档
          </Button>
          <Button size="small" type="primary" id="tiers-save" loading={busy} disabled={busy || !data} onClick={saveTiers}>
            保存满减
          </Button>
        </View>
      </View>

      <View className="section row">
        <Text className="title">门店优惠券</Text>
        {!form && (
          <Button size="small" type="primary" id="coupon-new" onClick={() => setForm(newCouponForm())}>
            新建优惠券
          </Button>
        )}
      </View>
      {form && (
        <View className="section" id="coupon-form">
          {field('title', '名称', '如：进店领券 满30减4')}
          {field('amount', '优惠金额', '元', 'digit')}
          {field('threshold', '使用门槛', '满多少元可用，无门槛填 0', 'digit')}
          {field('total', '发放总量', '张', 'number')}
          {field('perUser', '每人限领', '张', 'number')}
          {field('from', '开始日期', 'YYYY-MM-DD')}
          {field('to', '结束日期', 'YYYY-MM-DD')}
          <View className="row">
            <Button size="small" onClick={() => setForm(null)}>
              取消
            </Button>
            <Button size="small" type="primary" id="coupon-create" loading={busy} disabled={busy} onClick={create}>
              创建
            </Button>
          </View>
        </View>
      )}
      {data && data.coupons.length === 0 && !form && <EmptyState description="还没有门店优惠券" icon={<Coupon size={48} />} />}
      {data?.coupons.map((c) => (
        <View className="section" key={c._id} id={`coupon-${c._id}`}>
          <View className="row">
            <Text className="title">{c.title}</Text>
            <Text className="coupon-state" id={`coupon-state-${c._id}`}>
              {COUPON_STATE_LABELS[c.state]}
            </Text>
          </View>
          <View className="muted">
            {c.thresholdFen ? `满 ${formatFen(c.thresholdFen)} 减 ${formatFen(c.amountFen)}` : `无门槛减 ${formatFen(c.amountFen)}`} · 每人限领 {c.perUserLimit} 张 ·{' '}
            {formatShanghai(c.validFrom, 'YYYY-MM-DD')} 至 {formatShanghai(c.validTo, 'YYYY-MM-DD')}
          </View>
          <View className="coupon-figures" id={`coupon-figures-${c._id}`}>
            <Text>
              已领 {c.claimed}/{c.totalQuantity}
            </Text>
            <Text>已用 {c.used}</Text>
            <Text>带来订单额 {formatFen(c.gmvFen)}</Text>
            <Text>共优惠 {formatFen(c.discountFen)}</Text>
          </View>
          {c.state !== 'ended' && (
            <Button size="small" id={`coupon-toggle-${c._id}`} disabled={busy} onClick={() => togglePause(c)}>
              {c.state === 'paused' ? '恢复发放' : '暂停发放'}
            </Button>
          )}
        </View>
      ))}
      <PageToast />
    </View>
  );
}
