import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { Step, Steps } from '@nutui/nutui-react-taro';
import { showError } from '@daojia/app-kit';
import { api } from '../services/cloud';
import { timelineSteps, type TimelineStep } from '../lib/timeline';

/** An order's timeline, read again whenever the order's status changes (the list's refresh or a new-order alert brings it). */
export function OrderTimeline({ orderId, status }: { orderId: string; status: string }) {
  const [steps, setSteps] = useState<TimelineStep[] | null>(null);
  useEffect(() => {
    api.merchantOrder
      .detail({ orderId })
      .then((r) => setSteps(timelineSteps(r.events)))
      .catch(showError);
  }, [orderId, status]);
  if (!steps) return <View className="muted">加载中…</View>;
  return (
    <View id={`timeline-${orderId}`}>
      <Steps direction="vertical" value={steps.length}>
        {steps.map((s, i) => (
          <Step key={i} value={i + 1} title={s.title} description={s.description} />
        ))}
      </Steps>
    </View>
  );
}
