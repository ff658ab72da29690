import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Cell, Input } from '@nutui/nutui-react-taro';
import { formatFen, lineTitle, statusLabel, type StaffOrder } from '@daojia/domain';
import { PageToast, useBusy } from '@daojia/app-kit';
import { api } from '../../services/cloud';

/** Pickup / booking code check-in at the counter. */
export default function Verify() {
  const [code, setCode] = useState('');
  const [order, setOrder] = useState<StaffOrder | null>(null);
  const [busy, run] = useBusy();

  const submit = () =>
    run(async () => {
      const r = await api.merchantOrder.verifyCode({ code: code.trim() });
      setOrder(r.order);
      setCode('');
    });

  return (
    <View className="page" id="page-verify">
      <View className="section">
        <Text className="title">输入取件码 / 预约码</Text>
        <Input id="verify-input" placeholder="请输入顾客出示的核销码" value={code} onChange={setCode} maxLength={6} type="number" />
        <Button block type="primary" id="verify-submit" loading={busy} disabled={!code.trim() || busy} onClick={submit}>
          核销
        </Button>
      </View>
      {order && (
        <View className="section" id="verify-result">
          <Cell title="核销成功" extra={statusLabel(order.status)} />
          {order.items.map((l) => (
            <Cell key={`${l.productId}-${l.skuId ?? ''}-${l.specLabel ?? ''}`} title={`${lineTitle(l)} × ${l.quantity}`} extra={formatFen(l.subtotalFen)} />
          ))}
        </View>
      )}
      <PageToast />
    </View>
  );
}
