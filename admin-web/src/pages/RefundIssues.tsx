import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography, message } from 'antd';
import { formatFen, formatShanghai, type AdminRefundIssues as Issues, type PaymentAlert, type Refund } from '@daojia/domain';
import { api, errorText, isForbidden } from '../services/cloud';
import { OrderDrawer } from './OrderDrawer';

const REFUND_STATUS: Record<Refund['status'], { text: string; color: string }> = {
  processing: { text: '退款中', color: 'blue' },
  succeeded: { text: '退款成功', color: 'green' },
  abnormal: { text: '退款异常', color: 'red' },
  closed: { text: '退款被关闭', color: 'orange' },
  superseded: { text: '已重新发起', color: 'default' },
};
const ALERT_KIND: Record<PaymentAlert['kind'], string> = { payer_mismatch: '付款人不是下单人' };

type Action = { kind: 'retry' | 'close'; refund: Refund };
const ACTION_TEXT = { retry: { title: '重试退款', ok: '确认重试', done: '已重新发起退款' }, close: { title: '关闭退款', ok: '确认关闭', done: '退款已关闭，订单已结束' } };

/**
 * Retry or close one refund. Closing needs a reason (the order then ends as 退款已关闭); a retry's note is optional.
 * A refusal (e.g. another staff member already handled it) is shown in the dialog with the cloud's message.
 */
function RefundActionModal({
  action,
  onDone,
  onRefused,
  onCancel,
  onError,
}: {
  action: Action | null;
  onDone: () => void;
  onRefused: () => void;
  onCancel: () => void;
  onError: (e: unknown) => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  useEffect(() => setRefused(null), [action]);
  const submit = async () => {
    if (!action) return;
    let reason: string;
    try {
      reason = (await form.validateFields()).reason ?? '';
    } catch {
      return;
    } // the form shows what is missing
    setBusy(true);
    setRefused(null);
    try {
      await (action.kind === 'close' ? api.admin.closeRefund : api.admin.retryRefund)({ refundId: action.refund._id, reason: reason.trim() });
      message.success(ACTION_TEXT[action.kind].done);
      onDone();
    } catch (e) {
      if (isForbidden(e)) onError(e);
      else {
        setRefused(errorText(e));
        onRefused();
      } // the list was stale: show what is open now
    } finally {
      setBusy(false);
    }
  };
  const text = action ? ACTION_TEXT[action.kind] : ACTION_TEXT.close;
  return (
    <Modal
      open={action !== null}
      title={`${text.title} · 订单 ${action?.refund.orderId ?? ''}`}
      okText={text.ok}
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={onCancel}
      destroyOnHidden
      okButtonProps={{ id: 'refund-action-ok' }}
    >
      <div id="refund-action-modal">
        {action && (
          <Typography.Paragraph type="secondary">
            退款金额 {formatFen(action.refund.amountFen)}。
            {action.kind === 'close' ? '关闭后不再向微信支付发起该退款，订单结束为「退款已关闭」，请写明钱款如何处理。' : '将以新的退款单号重新向微信支付发起退款。'}
          </Typography.Paragraph>
        )}
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={action?.kind === 'close' ? '关闭原因' : '重试说明（选填）'}
            rules={action?.kind === 'close' ? [{ required: true, whitespace: true, message: '请填写关闭原因' }] : []}
          >
            <Input.TextArea id="refund-action-reason" maxLength={100} showCount rows={3} placeholder={action?.kind === 'close' ? '例如：已通过银行转账线下退款' : '例如：用户零钱账户已恢复'} />
          </Form.Item>
        </Form>
        {refused && <Alert id="refund-action-error" type="error" showIcon title={`操作未成功：${refused}`} />}
      </div>
    </Modal>
  );
}

/** Money that did not go back: refunds staff must retry or close, and payments refused because someone else paid. */
export function RefundIssues({ onError }: { onError: (e: unknown) => void }) {
  const [data, setData] = useState<Issues | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [action, setAction] = useState<Action | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const closeDrawer = useCallback(() => setOpened(null), []);

  const load = useCallback(() => {
    setLoading(true);
    api.admin
      .listRefundIssues()
      .then(
        (r) => {
          setData(r);
          setLoadError(null);
        },
        (e: unknown) => {
          setLoadError(errorText(e));
          onError(e);
        },
      )
      .finally(() => setLoading(false));
  }, [onError]);
  useEffect(load, [load]);

  // A store that no longer exists shows its id.
  const store = (storeId?: string) => (storeId ? (data?.storeNames[storeId] ?? storeId) : '—');
  const orderLink = (prefix: string) => (id: string) => (
    <a id={`${prefix}-${id}`} onClick={() => setOpened(id)}>
      {id}
    </a>
  );
  const done = () => {
    setAction(null);
    load();
  };

  return (
    <div id="page-refund-issues">
      <Space style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          退款异常
        </Typography.Title>
        <Button id="refund-issues-reload" onClick={load} loading={loading}>
          刷新
        </Button>
      </Space>
      {loadError && (
        <Alert
          id="refund-issues-error"
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`加载失败：${loadError}`}
          action={
            <Button size="small" onClick={load}>
              重试
            </Button>
          }
        />
      )}
      <Card title="退款未完成" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">微信支付未能完成的退款（异常或被关闭），需要重试，或线下处理后关闭。</Typography.Paragraph>
        <Table<Refund>
          id="refund-issues-table"
          rowKey="_id"
          loading={loading}
          dataSource={data?.refunds ?? []}
          pagination={false}
          locale={{ emptyText: loadError ? '加载失败' : '暂无退款异常' }}
          columns={[
            { title: '订单号', dataIndex: 'orderId', render: orderLink('open-order') },
            { title: '店铺', dataIndex: 'storeId', render: store },
            { title: '区域', dataIndex: 'region', render: (r?: string) => r ?? '—' },
            { title: '退款金额', dataIndex: 'amountFen', render: (f: number) => formatFen(f) },
            { title: '退款原因', dataIndex: 'reason', render: (r: string) => r || '—' },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: Refund['status'], r) => (
                <div>
                  <Tag color={REFUND_STATUS[s]?.color}>{REFUND_STATUS[s]?.text ?? s}</Tag>
                  {r.lastError && (
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.attempts ? `请求失败 ${r.attempts} 次：` : ''}
                        {r.lastError}
                      </Typography.Text>
                    </div>
                  )}
                </div>
              ),
            },
            { title: '发起时间', dataIndex: 'createdAt', render: (t: string) => formatShanghai(t) },
            {
              title: '操作',
              key: 'actions',
              render: (_: unknown, r) => (
                <Space>
                  <Button id={`retry-refund-${r._id}`} size="small" type="primary" onClick={() => setAction({ kind: 'retry', refund: r })}>
                    重试退款
                  </Button>
                  <Button id={`close-refund-${r._id}`} size="small" danger onClick={() => setAction({ kind: 'close', refund: r })}>
                    关闭退款
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title="支付异常">
        <Typography.Paragraph type="secondary">付款人与下单人不一致而被拒收的支付，订单未受影响；请核实后通过微信支付商户平台处理。</Typography.Paragraph>
        <Table<PaymentAlert>
          id="payment-alerts-table"
          rowKey="_id"
          loading={loading}
          dataSource={data?.alerts ?? []}
          pagination={false}
          locale={{ emptyText: loadError ? '加载失败' : '暂无支付异常' }}
          columns={[
            { title: '订单号', dataIndex: 'orderId', render: orderLink('open-alert-order') },
            { title: '店铺', dataIndex: 'storeId', render: store },
            { title: '区域', dataIndex: 'region' },
            { title: '支付金额', dataIndex: 'amountFen', render: (f: number) => formatFen(f) },
            { title: '异常类型', dataIndex: 'kind', render: (k: PaymentAlert['kind']) => <Tag color="red">{ALERT_KIND[k] ?? k}</Tag> },
            { title: '实际付款人', dataIndex: 'payer' },
            { title: '下单人', dataIndex: 'expectedPayer' },
            { title: '微信支付单号', dataIndex: 'transactionId' },
            { title: '时间', dataIndex: 'at', render: (t: string) => formatShanghai(t) },
          ]}
        />
      </Card>
      <RefundActionModal action={action} onDone={done} onRefused={load} onCancel={() => setAction(null)} onError={onError} />
      <OrderDrawer orderId={opened} onClose={closeDrawer} onError={onError} />
    </div>
  );
}
