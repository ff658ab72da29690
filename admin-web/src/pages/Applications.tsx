import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography, message } from 'antd';
import { APPLICATION_STATUS_TEXT, CATEGORY_LABELS, formatRateBp, formatShanghai, type AdminApplicationView, type ApplicationStatus, type Category } from '@daojia/domain';
import { api, cloud, errorText, isForbidden } from '../services/cloud';

type Filter = 'open' | 'approved' | 'rejected' | 'all';
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'open', label: '待审核' },
  { value: 'approved', label: '已通过' },
  { value: 'rejected', label: '未通过' },
  { value: 'all', label: '全部' },
];
const STATUS_COLOR: Record<ApplicationStatus, string> = { pending: 'orange', approving: 'orange', approved: 'green', rejected: 'red' };

/** Reject with the reason the applicant will read in the merchant app. */
function RejectModal({ application, onDone, onCancel, onError }: { application: AdminApplicationView | null; onDone: () => void; onCancel: () => void; onError: (e: unknown) => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  useEffect(() => setRefused(null), [application]);
  const submit = async () => {
    if (!application) return;
    let reason: string;
    try {
      reason = (await form.validateFields()).reason.trim();
    } catch {
      return; // the form shows what is missing
    }
    setBusy(true);
    try {
      await api.admin.reviewApplication({ applicationId: application._id, decision: 'reject', reason });
      message.success('已驳回，申请人可修改后重新提交');
      onDone();
    } catch (e) {
      if (isForbidden(e)) onError(e);
      else setRefused(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={application !== null}
      title={`驳回申请 · ${application?.name ?? ''}`}
      okText="确认驳回"
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={onCancel}
      destroyOnHidden
      okButtonProps={{ id: 'reject-ok', danger: true }}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label="驳回原因（申请人可见）" rules={[{ required: true, whitespace: true, message: '请填写驳回原因' }]}>
          <Input.TextArea id="reject-reason" maxLength={200} showCount rows={3} placeholder="例如：营业执照照片不清晰，请重新拍摄上传" />
        </Form.Item>
      </Form>
      {refused && <Alert id="reject-error" type="error" showIcon title={`操作未成功：${refused}`} />}
    </Modal>
  );
}

/**
 * 入驻审核: store applications from the merchant app, oldest first, in the reviewer's regions. Approving makes the
 * store (closed until its owner opens it), the applicant its owner, and records the category's default commission
 * terms; rejecting needs a reason. The full audit center (history per merchant, suspend/resume) is issue #11.
 */
export function Applications({ onError }: { onError: (e: unknown) => void }) {
  const [filter, setFilter] = useState<Filter>('open');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ applications: AdminApplicationView[]; total: number }>({ applications: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [rejecting, setRejecting] = useState<AdminApplicationView | null>(null);

  const load = useCallback(() => {
    setLoading(true);
    api.admin
      .listApplications({ status: filter, offset: (page - 1) * 20, limit: 20 })
      .then(setData, onError)
      .finally(() => setLoading(false));
  }, [filter, page, onError]);
  useEffect(load, [load]);

  const approve = async (a: AdminApplicationView) => {
    try {
      const { store } = await api.admin.reviewApplication({ applicationId: a._id, decision: 'approve' });
      const terms = store?.terms;
      message.success(`已通过：门店「${store?.name ?? a.name}」已创建${terms ? `，佣金 ${formatRateBp(terms.commissionRateBp)}，${formatShanghai(terms.freeUntil, 'YYYY-MM-DD')} 前免佣` : ''}`);
    } catch (e) {
      if (isForbidden(e)) onError(e);
      else message.error(errorText(e));
    }
    load();
  };

  const openLicence = async (fileId: string) => {
    try {
      const urls = await cloud.fileUrls([fileId]);
      if (urls[fileId]) window.open(urls[fileId], '_blank', 'noopener');
      else message.warning('执照照片不存在或已删除');
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <div id="page-applications">
      <Space style={{ marginBottom: 16 }}>
        <Select<Filter>
          id="applications-filter"
          value={filter}
          style={{ width: 140 }}
          options={FILTERS}
          onChange={(v) => {
            setFilter(v);
            setPage(1);
          }}
        />
        <Typography.Text type="secondary">佣金按类目默认费率（餐饮 8%、丽人 5%、零售 5%、本地生活 6%），新商家前 3 个月免佣。</Typography.Text>
      </Space>
      <Table<AdminApplicationView>
        id="applications-table"
        rowKey="_id"
        loading={loading}
        dataSource={data.applications}
        pagination={{ current: page, pageSize: 20, total: data.total, showSizeChanger: false, onChange: setPage }}
        columns={[
          { title: '店铺', dataIndex: 'name' },
          { title: '类目', dataIndex: 'category', render: (c: Category) => CATEGORY_LABELS[c] ?? c },
          { title: '区域', dataIndex: 'region' },
          { title: '地址', dataIndex: 'address' },
          { title: '联系人', render: (_v, a) => `${a.contactName} ${a.contactPhone}` },
          {
            title: '营业执照',
            render: (_v, a) => (
              <Button type="link" size="small" onClick={() => void openLicence(a.licenceFileId)}>
                查看
              </Button>
            ),
          },
          { title: '提交时间', dataIndex: 'createdAt', render: (t: string) => formatShanghai(t) },
          {
            title: '状态',
            render: (_v, a) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATUS_COLOR[a.status]}>{APPLICATION_STATUS_TEXT[a.status]}</Tag>
                {a.reason && <Typography.Text type="secondary">{a.reason}</Typography.Text>}
                {a.reviewedBy && <Typography.Text type="secondary">{a.reviewedBy.name}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '操作',
            render: (_v, a) =>
              a.status === 'pending' || a.status === 'approving' ? (
                <Space>
                  <Popconfirm title="通过后将创建门店并设申请人为店长" okText="通过" cancelText="取消" onConfirm={() => approve(a)} okButtonProps={{ id: `approve-ok-${a._id}` }}>
                    <Button type="primary" size="small" id={`approve-${a._id}`}>
                      {a.status === 'approving' ? '完成通过' : '通过'}
                    </Button>
                  </Popconfirm>
                  {a.status === 'pending' && (
                    <Button danger size="small" id={`reject-${a._id}`} onClick={() => setRejecting(a)}>
                      驳回
                    </Button>
                  )}
                </Space>
              ) : null,
          },
        ]}
      />
      <RejectModal
        application={rejecting}
        onCancel={() => setRejecting(null)}
        onError={onError}
        onDone={() => {
          setRejecting(null);
          load();
        }}
      />
    </div>
  );
}
