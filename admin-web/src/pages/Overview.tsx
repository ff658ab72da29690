import { useEffect, useState } from 'react';
import { Card, Col, Row, Spin, Statistic, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { formatFen, type AdminOverview as Data } from '@daojia/domain';
import { api } from '../services/cloud';

export function Overview({ onError }: { onError: (e: unknown) => void }) {
  const [data, setData] = useState<Data | null>(null);
  useEffect(() => {
    api.admin.overview({ days: 14 }).then(setData, onError);
  }, [onError]);
  if (!data) return <Spin />;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { data: ['订单数', '交易额(元)'] },
    xAxis: { type: 'category', data: data.series.map((d) => d.day.slice(5)) },
    yAxis: [
      { type: 'value', name: '订单' },
      { type: 'value', name: '元' },
    ],
    series: [
      { name: '订单数', type: 'bar', data: data.series.map((d) => d.orders) },
      { name: '交易额(元)', type: 'line', yAxisIndex: 1, smooth: true, data: data.series.map((d) => d.gmvFen / 100) },
    ],
  };
  return (
    <div id="page-overview">
      <Typography.Title level={4}>数据概览 · {data.scope} · 近 14 天</Typography.Title>
      <Row gutter={16}>
        <Col span={6}>
          <Card>
            <Statistic title="交易额 (GMV)" value={formatFen(data.totals.gmvFen)} valueRender={(v) => <span id="kpi-gmv">{v}</span>} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="订单数" value={data.totals.orders} valueRender={(v) => <span id="kpi-orders">{v}</span>} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="活跃用户" value={data.totals.activeUsers} valueRender={(v) => <span id="kpi-users">{v}</span>} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="商户数" value={data.totals.stores} valueRender={(v) => <span id="kpi-stores">{v}</span>} />
          </Card>
        </Col>
      </Row>
      <Card style={{ marginTop: 16 }} title="每日订单与交易额">
        <ReactECharts option={option} style={{ height: 360 }} />
      </Card>
    </div>
  );
}
