import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tabs } from '@nutui/nutui-react-taro';
import { errorMessage } from '@daojia/cloud-client';
import {
  FINANCE_PERIODS,
  FINANCE_PERIOD_LABELS,
  MODE_SHORT_LABELS,
  PAYOUT_STATUS_LABELS,
  formatFen,
  formatRateBp,
  formatShanghai,
  statusLabel,
  type ApiOutput,
  type FinancePeriod,
} from '@daojia/domain';
import { PageError, PageToast, showError, showInfo, useBusy } from '@daojia/app-kit';
import { api, ensureSignedIn } from '../../services/cloud';
import './index.scss';

type Summary = ApiOutput<'merchantFinance', 'summary'>;
type Rows = ApiOutput<'merchantFinance', 'orders'>;
type Payouts = ApiOutput<'merchantFinance', 'payouts'>;

const isH5 = process.env.TARO_ENV === 'h5';
const PAGE = 20;

/** Opens an export: the browser downloads it; WeChat downloads it and opens it (xlsx), or copies the link (csv). */
async function openExport(file: { url: string; fileName: string }, format: 'csv' | 'xlsx') {
  if (isH5) {
    const a = document.createElement('a');
    a.href = file.url;
    a.download = file.fileName;
    a.id = 'finance-download';
    document.body.appendChild(a);
    a.click();
    a.remove();
    return;
  }
  if (format === 'csv') {
    // WeChat's document viewer opens office files and pdf, not csv: the link goes to the clipboard instead.
    await Taro.setClipboardData({ data: file.url });
    showInfo('下载链接已复制，可在浏览器中打开');
    return;
  }
  const { tempFilePath } = await Taro.downloadFile({ url: file.url });
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
}

/**
 * The store's money, for its owner (a clerk is refused by merchantFinance and sees why): today / this week / this
 * month, that period's orders, the payouts, and the period's breakdown as Excel or CSV.
 */
export default function Finance() {
  const [summary, setSummary] = useState<Summary | null>(null);
  const [period, setPeriod] = useState<FinancePeriod>('today');
  const [rows, setRows] = useState<Rows | null>(null);
  const [payouts, setPayouts] = useState<Payouts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exporting, runExport] = useBusy();

  const load = useCallback(() => {
    ensureSignedIn()
      .then((ok) => (ok ? Promise.all([api.merchantFinance.summary({}), api.merchantFinance.payouts({})]) : null))
      .then((r) => {
        if (!r) return;
        setSummary(r[0]);
        setPayouts(r[1]);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, []);
  useDidShow(load);

  const span = summary?.periods[period];
  useEffect(() => {
    if (!span) return;
    setRows(null);
    api.merchantFinance.orders({ fromDate: span.fromDate, toDate: span.toDate, limit: PAGE }).then(setRows).catch(showError);
  }, [span?.fromDate, span?.toDate]); // eslint-disable-line react-hooks/exhaustive-deps

  async function more() {
    if (!span || !rows) return;
    const next = await api.merchantFinance.orders({ fromDate: span.fromDate, toDate: span.toDate, offset: rows.rows.length, limit: PAGE });
    setRows({ ...next, rows: [...rows.rows, ...next.rows] });
  }

  if (error) {
    return (
      <View className="page" id="page-finance">
        <PageError id="finance-error" message={error}>
          <Button id="finance-retry" onClick={load}>
            重试
          </Button>
          <Button type="primary" id="finance-orders" onClick={() => Taro.redirectTo({ url: '/pages/orders/index' })}>
            返回订单
          </Button>
        </PageError>
        <PageToast />
      </View>
    );
  }
  if (!summary || !span) {
    return (
      <View className="page" id="page-finance">
        <View className="muted section">加载中…</View>
        <PageToast />
      </View>
    );
  }

  const f = span.figures;
  const c = summary.commission;
  const tile = (id: string, label: string, value: string) => (
    <View className="fin-tile" id={id}>
      <View className="muted">{label}</View>
      <View className="fin-tile-value">{value}</View>
    </View>
  );
  return (
    <View className="page" id="page-finance">
      <View id="finance-tabs">
        <Tabs value={period} onChange={(v) => setPeriod(v as FinancePeriod)}>
          {FINANCE_PERIODS.map((p) => (
            <Tabs.TabPane key={p} value={p} title={FINANCE_PERIOD_LABELS[p]} />
          ))}
        </Tabs>
      </View>
      <View className="section">
        <View className="muted" id="finance-span">
          {span.fromDate === span.toDate ? span.fromDate : `${span.fromDate} 至 ${span.toDate}`}
        </View>
        <View className="fin-grid">
          {tile('fig-revenue', '收入', formatFen(f.revenueFen))}
          {tile('fig-refund', '退款', formatFen(f.refundFen))}
          {tile('fig-commission', '平台佣金', formatFen(f.commissionFen))}
          {tile('fig-net', '应结金额', formatFen(f.netFen))}
          {tile('fig-orders', '支付订单', `${f.orderCount} 单`)}
          {tile('fig-refunds', '退款订单', `${f.refundCount} 单`)}
        </View>
        <View className="muted" id="finance-commission-rule">
          佣金按 {formatRateBp(c.rateBp)} 计算（{c.source === 'terms' ? '入驻时确认的费率' : '类目默认费率'}
          {c.freeUntil ? `，${formatShanghai(c.freeUntil, 'YYYY-MM-DD')} 前免佣` : ''}），退款时按比例退回；以平台结算为准。
        </View>
      </View>

      <View className="section">
        <View className="row">
          <Text className="title">订单明细</Text>
          <View className="row" style={{ gap: '12px' }}>
            <Button
              size="small"
              id="export-xlsx"
              loading={exporting}
              onClick={() => runExport(async () => openExport(await api.merchantFinance.export({ fromDate: span.fromDate, toDate: span.toDate, format: 'xlsx' }), 'xlsx'))}
            >
              导出 Excel
            </Button>
            <Button
              size="small"
              id="export-csv"
              loading={exporting}
              onClick={() => runExport(async () => openExport(await api.merchantFinance.export({ fromDate: span.fromDate, toDate: span.toDate, format: 'csv' }), 'csv'))}
            >
              导出 CSV
            </Button>
          </View>
        </View>
        {!rows && <View className="muted">加载中…</View>}
        {rows && rows.rows.length === 0 && (
          <View className="muted" id="finance-rows-empty">
            这段时间没有资金变动
          </View>
        )}
        {rows?.rows.map((r) => (
          <View key={r.orderId} className="fin-row" id={`finance-row-${r.orderId}`}>
            <View className="row">
              <Text>
                {MODE_SHORT_LABELS[r.mode]} #{r.orderNo}
              </Text>
              <Text className="muted">{statusLabel(r.status)}</Text>
            </View>
            <View className="row muted">
              <Text>{formatShanghai(r.lastAt, 'MM-DD HH:mm')}</Text>
              <Text>
                收入 {formatFen(r.revenueFen)}
                {r.refundFen > 0 ? ` · 退款 ${formatFen(r.refundFen)}` : ''} · 佣金 {formatFen(r.commissionFen)}
              </Text>
            </View>
            <View className="row">
              <Text />
              <Text className="price" id={`finance-net-${r.orderId}`}>
                应结 {formatFen(r.netFen)}
              </Text>
            </View>
          </View>
        ))}
        {rows && rows.rows.length < rows.total && (
          <Button block fill="none" id="finance-more" onClick={() => more().catch(showError)}>
            加载更多（共 {rows.total} 单）
          </Button>
        )}
      </View>

      <View className="section" id="finance-payouts">
        <Text className="title">打款记录</Text>
        {payouts && payouts.payouts.length === 0 && <View className="muted">暂无打款记录</View>}
        {payouts?.payouts.map((p) => (
          <View key={p._id} className="fin-row" id={`payout-${p._id}`}>
            <View className="row">
              <Text>
                {p.fromDate} 至 {p.toDate}
              </Text>
              <Text className="price">{formatFen(p.amountFen)}</Text>
            </View>
            <View className="row muted">
              <Text>
                {p.orderCount} 单 · 收入 {formatFen(p.revenueFen)} · 佣金 {formatFen(p.commissionFen)}
              </Text>
              <Text>
                {PAYOUT_STATUS_LABELS[p.status]}
                {p.paidAt ? ` ${formatShanghai(p.paidAt, 'MM-DD')}` : ''}
              </Text>
            </View>
          </View>
        ))}
      </View>
      <PageToast />
    </View>
  );
}
