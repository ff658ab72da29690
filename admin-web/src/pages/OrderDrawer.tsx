import { useEffect, useState } from 'react';
import { Descriptions, Drawer, Spin, Tag, Timeline, Typography } from 'antd';
import { ACTOR_LABELS, MODE_LABELS, formatFen, formatShanghai, lineTitle, statusLabel as status, type AdminOrderDetail, type OrderEventRecord } from '@daojia/domain';
import { api } from '../services/cloud';

/** One timeline entry: when, the status reached, who moved it, from which status and why. */
function entry(e: OrderEventRecord, i: number) {
  return {
    key: i,
    title: formatShanghai(e.at, 'MM-DD HH:mm:ss'),
    color: e.to === 'rejected' || e.to === 'cancelled' ? 'red' : e.to === 'completed' || e.to === 'refunded' ? 'green' : 'blue',
    content: (
      <div id={`order-event-${i}`}>
        <Typography.Text strong>{status(e.to)}</Typography.Text>
        <div>
          <Typography.Text type="secondary">{[ACTOR_LABELS[e.by.role] ?? e.by.role, e.from ? `由「${status(e.from)}」` : '', e.reason].filter(Boolean).join(' · ')}</Typography.Text>
        </div>
      </div>
    ),
  };
}

/** An order and its timeline; a region manager can open only their region's orders (the function scopes them). */
export function OrderDrawer({ orderId, onClose, onError }: { orderId: string | null; onClose: () => void; onError: (e: unknown) => void }) {
  const [detail, setDetail] = useState<AdminOrderDetail | null>(null);
  useEffect(() => {
    setDetail(null);
    if (orderId)
      api.admin.orderDetail({ orderId }).then(setDetail, (e: unknown) => {
        onError(e);
        onClose();
      });
  }, [orderId, onError, onClose]);
  const o = detail?.order;
  return (
    <Drawer open={orderId !== null} onClose={onClose} size="large" title={`订单 ${orderId ?? ''}`} destroyOnHidden>
      {!o ? (
        <Spin />
      ) : (
        <div id="order-drawer">
          <Descriptions
            column={1}
            size="small"
            bordered
            style={{ marginBottom: 24 }}
            items={[
              { key: 'status', label: '状态', children: <Tag>{status(o.status)}</Tag> },
              { key: 'store', label: '店铺', children: `${o.storeName}（${o.region}）` },
              { key: 'mode', label: '方式', children: MODE_LABELS[o.mode] ?? o.mode },
              { key: 'items', label: '商品', children: o.items.map((l) => `${lineTitle(l)} × ${l.quantity}`).join('，') },
              { key: 'total', label: '实付', children: formatFen(o.totalFen) },
              ...(o.refundReason ? [{ key: 'refund', label: '退款', children: `${formatFen(o.refundedFen ?? o.refundRequestedFen ?? o.totalFen)}：${o.refundReason}` }] : []),
              ...(o.rejectReason ? [{ key: 'reject', label: '拒单原因', children: o.rejectReason }] : []),
            ]}
          />
          <Typography.Title level={5}>订单进度</Typography.Title>
          <div id="order-timeline">
            <Timeline items={detail.events.map(entry)} />
          </div>
        </div>
      )}
    </Drawer>
  );
}
