import { useCallback, useEffect, useMemo, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tabs, TextArea } from '@nutui/nutui-react-taro';
import { Order as OrderIcon } from '@nutui/icons-react-taro';
import { doneText, formatFen, formatShanghai, lineTitle, modeShortLabel, statusLabel, type MerchantTab, type StaffOrder } from '@daojia/domain';
import { EmptyState, PageToast, showError, showInfo } from '@daojia/app-kit';
import { api, ensureSignedIn } from '../../services/cloud';
import { merchantButtons, NEEDS_REASON, type MerchantCall, type ReasonCall } from '../../lib/order-actions';
import { createRinger, titleWithCount, useNewOrderAlerts } from '../../lib/new-order-alert';
import { isOver, maskPhone, slotText } from '../../lib/order-card';
import { OrderTimeline } from '../../components/order-timeline';
import './index.scss';

const isH5 = process.env.TARO_ENV === 'h5';

/**
 * New orders arrive through the realtime watch (lib/new-order-alert.ts); this slower refresh keeps the other tabs
 * current (refund requests, orders moved by timers) and covers a watch that is down.
 */
const REFRESH_MS = 30_000;

const TABS: { value: MerchantTab; label: string }[] = [
  { value: 'new', label: '新订单' },
  { value: 'active', label: '进行中' },
  { value: 'done', label: '已完成' },
  { value: 'refund', label: '退款' },
];

const REASON_PROMPT: Record<string, { placeholder: string; confirm: string; done: string }> = {
  reject: { placeholder: '请填写拒单原因（顾客可见）', confirm: '确认拒单', done: '已拒单' },
  declineRefund: { placeholder: '请填写拒绝退款的原因（顾客可见）', confirm: '确认拒绝退款', done: '已拒绝退款' },
};

export default function MerchantOrders() {
  const [visible, setVisible] = useState(false);
  const [orders, setOrders] = useState<StaffOrder[] | null>(null);
  const [allowed, setAllowed] = useState<string[]>([]);
  const [tab, setTab] = useState<MerchantTab>('new');
  const [asking, setAsking] = useState<{ orderId: string; call: ReasonCall } | null>(null);
  const [reason, setReason] = useState('');
  const [opened, setOpened] = useState<string | null>(null);
  const [storeId, setStoreId] = useState<string | null>(null);
  const ringer = useMemo(() => createRinger(), []);
  const [soundOn, setSoundOn] = useState(ringer.enabled);

  const reload = useCallback(() => {
    api.merchantOrder
      .list({ tab })
      .then((r) => {
        setAllowed(r.allowed);
        setOrders(r.orders);
        setStoreId(r.storeId);
      })
      .catch(showError);
  }, [tab]);

  const { alerts } = useNewOrderAlerts(visible ? storeId : null, (fresh) => {
    ringer.ring();
    showInfo(fresh.length > 1 ? `收到 ${fresh.length} 个新订单` : fresh[0].body);
    reload();
  });
  const unread = alerts.length;

  useEffect(() => {
    Taro.setNavigationBarTitle({ title: titleWithCount('订单', unread) }).catch(() => undefined);
  }, [unread]);
  useEffect(() => () => ringer.close(), [ringer]);

  /** The merchant opened the 新订单 tab: their alerts for the store are seen, and the badge clears. */
  const seeNewOrders = useCallback(() => {
    api.merchantOrder.seenNewOrders({}).catch(showError);
  }, []);

  async function toggleSound() {
    if (soundOn) {
      ringer.disable();
      setSoundOn(false);
      return;
    }
    const ok = await ringer.unlock();
    setSoundOn(ok);
    showInfo(ok ? '新订单提醒已开启，来单时会播放提示音' : '浏览器未允许播放声音，请再点一次');
  }

  function openTab(next: MerchantTab) {
    if (next === tab) return;
    setOrders(null);
    setAsking(null);
    setTab(next);
  }

  useDidShow(() => {
    ensureSignedIn()
      .then((ok) => setVisible(ok))
      .catch(showError);
  });
  useDidHide(() => setVisible(false));

  useEffect(() => {
    if (!visible) return undefined;
    reload();
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [visible, reload]);

  async function act(order: StaffOrder, action: MerchantCall, label: string) {
    if (action === 'reject' || action === 'declineRefund') {
      setAsking({ orderId: order._id, call: action });
      setReason('');
      return;
    }
    try {
      await api.merchantOrder[action]({ orderId: order._id });
      showInfo(doneText(label));
      reload();
    } catch (err) {
      showError(err);
    }
  }

  async function confirmWithReason() {
    if (!asking) return;
    try {
      await api.merchantOrder[asking.call]({ orderId: asking.orderId, reason: reason.trim() });
      showInfo(REASON_PROMPT[asking.call].done);
      setAsking(null);
      reload();
    } catch (err) {
      showError(err);
    }
  }

  const shown = orders ?? [];

  return (
    <View className="page" id="page-merchant-orders">
      <View className="section row">
        <Text className="title">订单管理</Text>
        {unread > 0 && (
          <Text
            className="alert-badge"
            id="new-order-badge"
            onClick={() => {
              openTab('new');
              seeNewOrders();
            }}
          >
            新订单 {unread}
          </Text>
        )}
        {isH5 && (
          <Button size="small" fill={soundOn ? 'outline' : 'solid'} type={soundOn ? 'default' : 'primary'} id="alert-toggle" onClick={toggleSound}>
            {soundOn ? '关闭提醒' : '开启提醒'}
          </Button>
        )}
        <Button size="small" id="go-workbench" onClick={() => Taro.navigateTo({ url: '/pages/workbench/index' })}>
          工作台
        </Button>
        <Button size="small" id="go-verify" onClick={() => Taro.navigateTo({ url: '/pages/verify/index' })}>
          核销
        </Button>
      </View>
      {isH5 && !soundOn && (
        <View className="muted section" id="alert-hint">
          浏览器需要先点一下「开启提醒」才能播放新订单提示音；未开启时仍会显示角标。
        </View>
      )}
      <View id="order-tabs">
        <Tabs
          value={tab}
          onChange={(v) => openTab(v as MerchantTab)}
          // A tap on 新订单, even when it is already open, is the merchant looking at the new orders.
          onClick={(v) => v === 'new' && seeNewOrders()}
        >
          {TABS.map((t) => (
            <Tabs.TabPane key={t.value} value={t.value} title={t.value === 'new' && unread > 0 ? `${t.label}(${unread})` : t.label} />
          ))}
        </Tabs>
      </View>
      <View id={`order-list-${tab}`}>
        {orders && shown.length === 0 && <EmptyState icon={<OrderIcon size={56} color="#c8c9cc" />} description="暂无订单" />}
        {shown.map((o) => (
          <View key={o._id} className="section" id={`order-card-${o._id}`}>
            <View className="row">
              <Text className="title">
                {modeShortLabel(o.mode)} <Text className="muted">#{o.orderNo}</Text>
              </Text>
              <Text id={`order-status-${o._id}`}>{statusLabel(o.status)}</Text>
            </View>
            {o.items.map((l, i) => (
              <View key={i} className="muted" id={`order-line-${o._id}-${i}`}>
                {lineTitle(l)} × {l.quantity}
              </View>
            ))}
            {o.address && (
              <View className="order-address" id={`order-address-${o._id}`}>
                <View>{o.address.text}</View>
                <View className="row" style={{ justifyContent: 'flex-start', gap: '8px' }}>
                  <Text>{o.address.contact}</Text>
                  {isOver(o.status) ? (
                    <Text className="muted" id={`order-phone-${o._id}`}>
                      {maskPhone(o.address.phone)}
                    </Text>
                  ) : (
                    <Text className="link" id={`order-phone-${o._id}`} onClick={() => Taro.makePhoneCall({ phoneNumber: o.address!.phone }).catch(() => undefined)}>
                      {o.address.phone}（拨打）
                    </Text>
                  )}
                </View>
              </View>
            )}
            {o.slot && <View id={`order-slot-${o._id}`}>预约时段：{slotText(o.slot)}</View>}
            {o.remark && <View className="muted">备注：{o.remark}</View>}
            {o.refundReason && (
              <View className="muted" id={`refund-info-${o._id}`}>
                退款 {formatFen(o.refundedFen ?? o.refundRequestedFen ?? o.totalFen)}：{o.refundReason}
                {o.status === 'refund_requested' && !allowed.includes('approveRefund' satisfies MerchantCall) && <Text id={`refund-owner-${o._id}`}>（退款需店长处理）</Text>}
              </View>
            )}
            <View className="row">
              <Text className="muted">{formatShanghai(o.paidAt ?? o.createdAt)}</Text>
              <Text className="price">{formatFen(o.totalFen)}</Text>
            </View>
            <View className="row" style={{ justifyContent: 'flex-end', gap: '12px' }}>
              <Button size="small" fill="none" id={`ticket-${o._id}`} onClick={() => Taro.navigateTo({ url: `/pages/ticket/index?orderId=${o._id}` })}>
                小票
              </Button>
              <Button size="small" fill="none" id={`detail-${o._id}`} onClick={() => setOpened(opened === o._id ? null : o._id)}>
                {opened === o._id ? '收起' : '进度'}
              </Button>
              {merchantButtons(o, allowed).map((b) => (
                <Button key={b.call} size="small" type={NEEDS_REASON.has(b.call) ? 'default' : 'primary'} id={`${b.id}-${o._id}`} onClick={() => act(o, b.call, b.label)}>
                  {b.label}
                </Button>
              ))}
            </View>
            {opened === o._id && <OrderTimeline orderId={o._id} status={o.status} />}
            {asking?.orderId === o._id && (
              <View id={`reason-panel-${o._id}`}>
                <TextArea id="reason-input" placeholder={REASON_PROMPT[asking.call].placeholder} value={reason} onChange={setReason} maxLength={100} />
                <Button block type="danger" id="reason-confirm" disabled={!reason.trim()} onClick={confirmWithReason}>
                  {REASON_PROMPT[asking.call].confirm}
                </Button>
              </View>
            )}
          </View>
        ))}
      </View>
      <PageToast />
    </View>
  );
}
