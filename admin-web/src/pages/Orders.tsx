import { useCallback, useEffect, useState } from 'react';
import { Select, Space, Table, Tag } from 'antd';
import { MODE_LABELS, ORDER_STATUS_LABELS, formatFen, formatShanghai, type OrderMode, type OrderStatus, type StaffOrder } from '@daojia/domain';
import { api } from '../services/cloud';
import { OrderDrawer } from './OrderDrawer';

export function Orders({ onError }: { onError: (e: unknown) => void }) {
  const [q, setQ] = useState<{ status?: OrderStatus; page: number }>({ page: 1 });
  const [data, setData] = useState<{ orders: StaffOrder[]; total: number }>({ orders: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [opened, setOpened] = useState<string | null>(null);
  const close = useCallback(() => setOpened(null), []);
  useEffect(() => {
    setLoading(true);
    api.admin
      .listOrders({ status: q.status, offset: (q.page - 1) * 20, limit: 20 })
      .then(setData, onError)
      .finally(() => setLoading(false));
  }, [q, onError]);
  return (
    <div id="page-orders">
      <Space style={{ marginBottom: 16 }}>
        <Select
          placeholder="全部状态"
          allowClear
          style={{ width: 180 }}
          onChange={(status) => setQ({ status, page: 1 })}
          options={Object.entries(ORDER_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
        />
      </Space>
      <Table<StaffOrder>
        id="orders-table"
        rowKey="_id"
        loading={loading}
        dataSource={data.orders}
        pagination={{ current: q.page, pageSize: 20, total: data.total, showSizeChanger: false, onChange: (page) => setQ({ ...q, page }) }}
        columns={[
          {
            title: '订单号',
            dataIndex: '_id',
            render: (id: string) => (
              <a id={`open-order-${id}`} onClick={() => setOpened(id)}>
                {id}
              </a>
            ),
          },
          { title: '店铺', dataIndex: 'storeName' },
          { title: '区域', dataIndex: 'region' },
          { title: '方式', dataIndex: 'mode', render: (m: OrderMode) => MODE_LABELS[m] ?? m },
          { title: '状态', dataIndex: 'status', render: (s: OrderStatus) => <Tag>{ORDER_STATUS_LABELS[s] ?? s}</Tag> },
          { title: '实付', dataIndex: 'totalFen', render: (f: number) => formatFen(f) },
          { title: '下单时间', dataIndex: 'createdAt', render: (t: string) => formatShanghai(t) },
        ]}
      />
      <OrderDrawer orderId={opened} onClose={close} onError={onError} />
    </div>
  );
}
