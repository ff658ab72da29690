import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Checkbox, Rate, TextArea } from '@nutui/nutui-react-taro';
import { REVIEWABLE_STATUSES, REVIEW_PHOTO_MAX, type Order, type OrderStatus } from '@daojia/domain';
import { CloudImage, chooseAndUploadImage, showInfo, useBusy } from '@daojia/app-kit';
import { api } from '../services/cloud';

const RATING_WORDS = ['', '很差', '较差', '一般', '满意', '超赞'];

/**
 * The review of a received order (picked up, checked in or completed): stars, text, up to 9 of the consumer's own
 * photos, and whether to appear as 匿名用户. Once sent, or when the order was reviewed before, it says so instead.
 */
export function ReviewForm({ order }: { order: Order }) {
  const reviewable = (REVIEWABLE_STATUSES as readonly OrderStatus[]).includes(order.status);
  const [reviewed, setReviewed] = useState<boolean | null>(null);
  const [rating, setRating] = useState(5);
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [anonymous, setAnonymous] = useState(false);
  const [busy, run] = useBusy();

  useEffect(() => {
    if (!reviewable) return;
    api.review.mine({ orderIds: [order._id] }).then(
      (r) => setReviewed(r.reviewed.includes(order._id)),
      () => setReviewed(false),
    );
  }, [order._id, reviewable]);

  if (!reviewable || reviewed === null) return null;
  if (reviewed)
    return (
      <View className="section muted" id="review-done">
        已评价，感谢您的反馈
      </View>
    );

  const addPhoto = () =>
    run(async () => {
      const id = await chooseAndUploadImage({ folder: 'reviews' });
      if (id) setPhotos((p) => [...p, id].slice(0, REVIEW_PHOTO_MAX));
    });
  const submit = () =>
    run(async () => {
      await api.review.create({ orderId: order._id, rating, text: text.trim(), photos, anonymous });
      setReviewed(true);
      showInfo('评价成功');
    });

  return (
    <View className="section" id="review-form" style={{ marginBottom: '64px' }}>
      <Text className="title">评价本单</Text>
      <View className="row">
        <Rate id="review-rating" value={rating} onChange={(v) => setRating(Math.max(1, Math.round(Number(v))))} />
        <Text className="muted">{RATING_WORDS[rating]}</Text>
      </View>
      <TextArea id="review-text" placeholder="说说口味、服务和包装（选填，最多 500 字）" value={text} onChange={setText} maxLength={500} />
      <View className="row" style={{ flexWrap: 'wrap', justifyContent: 'flex-start', gap: '8px' }}>
        {photos.map((p) => (
          <CloudImage key={p} src={p} style={{ width: '64px', height: '64px', borderRadius: '4px' }} onClick={() => setPhotos((list) => list.filter((x) => x !== p))} />
        ))}
        {photos.length < REVIEW_PHOTO_MAX && (
          <Button size="small" id="review-photo-add" disabled={busy} onClick={addPhoto}>
            添加图片（{photos.length}/{REVIEW_PHOTO_MAX}）
          </Button>
        )}
      </View>
      <Checkbox id="review-anonymous" checked={anonymous} onChange={setAnonymous} label="匿名评价" />
      <Button block type="primary" id="review-submit" loading={busy} disabled={busy} onClick={submit}>
        提交评价
      </Button>
    </View>
  );
}
