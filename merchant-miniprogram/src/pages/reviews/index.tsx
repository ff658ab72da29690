import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tabs, TextArea } from '@nutui/nutui-react-taro';
import { Comment } from '@nutui/icons-react-taro';
import { MERCHANT_REVIEW_FILTERS, MERCHANT_REVIEW_FILTER_LABELS, formatShanghai, type ApiOutput } from '@daojia/domain';
import { CloudImage, EmptyState, PageToast, showInfo, showError, useBusy } from '@daojia/app-kit';
import { api, ensureSignedIn } from '../../services/cloud';
import './index.scss';

type Filter = (typeof MERCHANT_REVIEW_FILTERS)[number];
type ReviewList = ApiOutput<'merchantReview', 'list'>;
type Row = ReviewList['reviews'][number];
const PAGE = 20;

const stars = (n: number) => '★'.repeat(n) + '☆'.repeat(5 - n);

/** The store's reviews: rating, tabs 全部 / 差评 / 未回复 / 有图 with counts, photos, and the one reply (editable). */
export default function Reviews() {
  const [filter, setFilter] = useState<Filter>('all');
  const [list, setList] = useState<ReviewList | null>(null);
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const [busy, run] = useBusy();

  const load = async (f: Filter, more = false) => {
    const r = await api.merchantReview.list({ filter: f, offset: more && list ? list.reviews.length : 0, limit: PAGE });
    setList(more && list ? { ...r, reviews: [...list.reviews, ...r.reviews] } : r);
  };
  useDidShow(() => {
    ensureSignedIn()
      .then((ok) => (ok ? load(filter) : undefined))
      .catch(showError);
  });
  const open = (f: Filter) => {
    setFilter(f);
    setEditing(null);
    load(f).catch(showError);
  };

  const save = () =>
    run(async () => {
      if (!editing) return;
      const { review } = await api.merchantReview.reply({ reviewId: editing.id, text: editing.text });
      setEditing(null);
      showInfo('回复已保存');
      if (filter === 'unreplied') await load(filter);
      else setList((l) => (l ? { ...l, reviews: l.reviews.map((r) => (r._id === review._id ? review : r)) } : l));
    });

  const card = (r: Row) => (
    <View className="section" key={r._id} id={`review-${r._id}`}>
      <View className="row">
        <Text className="title">{r.userName}</Text>
        <Text className="muted">{formatShanghai(r.createdAt)}</Text>
      </View>
      <Text className="stars" id={`review-stars-${r._id}`}>
        {stars(r.rating)}
      </Text>
      {r.text ? <View>{r.text}</View> : <View className="muted">（未填写文字）</View>}
      {r.photos.length > 0 && (
        <View className="review-photos">
          {r.photos.map((p) => (
            <CloudImage key={p} src={p} className="review-photo" />
          ))}
        </View>
      )}
      <View className="muted">订单 {r.orderId}</View>
      {r.reply && editing?.id !== r._id && (
        <View className="review-reply" id={`review-reply-${r._id}`}>
          商家回复：{r.reply.text}
          <View className="muted">
            {formatShanghai(r.reply.editedAt ?? r.reply.repliedAt)}
            {r.reply.editedAt ? ' 已编辑' : ''}
          </View>
        </View>
      )}
      {editing?.id === r._id ? (
        <View>
          <TextArea id={`review-reply-input-${r._id}`} value={editing.text} maxLength={300} showCount placeholder="回复顾客（最多 300 字）" onChange={(v) => setEditing({ id: r._id, text: v })} />
          <View className="row">
            <Button size="small" onClick={() => setEditing(null)}>
              取消
            </Button>
            <Button size="small" type="primary" id={`review-reply-save-${r._id}`} loading={busy} disabled={busy || !editing.text.trim()} onClick={save}>
              保存回复
            </Button>
          </View>
        </View>
      ) : (
        <Button size="small" id={`review-reply-open-${r._id}`} onClick={() => setEditing({ id: r._id, text: r.reply?.text ?? '' })}>
          {r.reply ? '编辑回复' : '回复'}
        </Button>
      )}
    </View>
  );

  return (
    <View className="page" id="page-reviews">
      {list && (
        <View className="section row" id="reviews-rating">
          <View>
            <Text className="rating-big">{list.ratingCount ? list.rating.toFixed(1) : '—'}</Text>
            <Text className="muted">{list.ratingCount} 条评价</Text>
          </View>
        </View>
      )}
      <Tabs value={filter} onChange={(v) => open(v as Filter)}>
        {MERCHANT_REVIEW_FILTERS.map((f) => (
          <Tabs.TabPane key={f} value={f} title={list ? `${MERCHANT_REVIEW_FILTER_LABELS[f]}(${list.counts[f]})` : MERCHANT_REVIEW_FILTER_LABELS[f]} />
        ))}
      </Tabs>
      {list && list.reviews.length === 0 && <EmptyState description="暂无评价" icon={<Comment size={48} />} />}
      {list?.reviews.map(card)}
      {list && list.reviews.length < list.total && (
        <Button block id="reviews-more" onClick={() => run(() => load(filter, true))}>
          加载更多
        </Button>
      )}
      <PageToast />
    </View>
  );
}
