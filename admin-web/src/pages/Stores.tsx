import { useEffect, useState } from 'react';
import { Input, Select, Space, Table, Tag } from 'antd';
import { CATEGORY_LABELS, type AdminStoreRow, type Category } from '@daojia/domain';
import { api } from '../services/cloud';

const STATUS: Record<string, { text: string; color: string }> = {
  open: { text: '营业中', color: 'green' },
  closed: { text: '休息中', color: 'default' },
  pending_review: { text: '待审核', color: 'orange' },
  suspended: { text: '已停业', color: 'red' },
};

export function Stores({ onError }: { onError: (e: unknown) => void }) {
  const [q, setQ] = useState<{ keyword?: string; category?: Category; page: number }>({ page: 1 });
  const [data, setData] = useState<{ stores: AdminStoreRow[]; total: number }>({ stores: [], total: 0 });
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    setLoading(true);
    api.admin
      .listStores({ keyword: q.keyword || undefined, category: q.category, offset: (q.page - 1) * 20, limit: 20 })
      .then(setData, onError)
      .finally(() => setLoading(false));
  }, [q, onError]);
  return (
    <div id="page-stores">
      <Space style={{ marginBottom: 16 }}>
        <Input.Search placeholder="搜索店铺名称" allowClear onSearch={(keyword) => setQ({ ...q, keyword, page: 1 })} style={{ width: 240 }} />
        <Select
          placeholder="全部类目"
          allowClear
          style={{ width: 160 }}
          onChange={(category) => setQ({ ...q, category, page: 1 })}
          options={Object.entries(CATEGORY_LABELS).map(([value, label]) => ({ value, label }))}
        />
      </Space>
      <Table<AdminStoreRow>
        id="stores-table"
        rowKey="_id"
        loading={loading}
        dataSource={data.stores}
        pagination={{ current: q.page, pageSize: 20, total: data.total, showSizeChanger: false, onChange: (page) => setQ({ ...q, page }) }}
        columns={[
          { title: '店铺', dataIndex: 'name' },
          { title: '类目', dataIndex: 'category', render: (c: Category) => CATEGORY_LABELS[c] ?? c },
          { title: '区域', dataIndex: 'region' },
          { title: '状态', dataIndex: 'status', render: (s: string) => <Tag color={STATUS[s]?.color}>{STATUS[s]?.text ?? s}</Tag> },
          { title: '评分', dataIndex: 'rating' },
          { title: '地址', dataIndex: 'address' },
        ]}
      />
    </div>
  );
}
