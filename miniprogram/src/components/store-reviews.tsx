import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatShanghai, type ApiOutput } from '@daojia/domain';
import { CloudImage, showError } from '@daojia/app-kit';
import { api } from '../services/cloud';

type Page = ApiOutput<'review', 'listForStore'>;
const PAGE = 10;
const stars = (n: number) => '★'.repeat(n) + '☆'.repeat(5 - n);

/** A store's reviews on its page: rating and count, 全部 / 有图, photos and the store's reply; more on demand. */
export function StoreReviews({ storeId }: { storeId: string }) {
  const [filter, setFilter] = useState<'all' | 'photos'>('all');
  const [page, setPage] = useState<Page | null>(null);

  const load = (f: typeof filter, more = false) =>
    api.review
      .listForStore({ storeId, filter: f, offset: more && page ? page.reviews.length : 0, limit: PAGE })
      .then((r) => setPage(more && page ? { ...r, reviews: [...page.reviews, ...r.reviews] } : r), showError);
  useEffect(() => {
    setPage(null);
    load(filter);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storeId, filter]);

  return (
    <View className="section" id="store-reviews" style={{ marginBottom: '64px' }}>
      <View className="row">
        <Text className="title">评价 {page ? `${page.ratingCount ? page.rating.toFixed(1) : '—'}分 · ${page.ratingCount}条` : ''}</Text>
        <View className="row">
          <Button size="small" id="store-reviews-all" type={filter === 'all' ? 'primary' : 'default'} onClick={() => setFilter('all')}>
            全部
          </Button>
          <Button size="small" id="store-reviews-photos" type={filter === 'photos' ? 'primary' : 'default'} style={{ marginLeft: '8px' }} onClick={() => setFilter('photos')}>
            有图
          </Button>
        </View>
      </View>
      {page && page.reviews.length === 0 && <View className="muted">暂无评价</View>}
      {page?.reviews.map((r) => (
        <View key={r._id} id={`store-review-${r._id}`} style={{ padding: '12px 0', borderBottom: '1px solid #f2f3f5' }}>
          <View className="row">
            <Text>{r.userName}</Text>
            <Text className="muted">{formatShanghai(r.createdAt, 'YYYY-MM-DD')}</Text>
          </View>
          <Text style={{ color: '#ff9500' }}>{stars(r.rating)}</Text>
          {r.text && <View>{r.text}</View>}
          {r.photos.length > 0 && (
            <View className="row" style={{ flexWrap: 'wrap', justifyContent: 'flex-start', gap: '8px' }}>
              {r.photos.map((p) => (
                <CloudImage key={p} src={p} style={{ width: '80px', height: '80px', borderRadius: '4px' }} />
              ))}
            </View>
          )}
          {r.reply && (
            <View className="muted" style={{ background: '#f7f8fa', padding: '8px', borderRadius: '4px', marginTop: '4px' }}>
              商家回复：{r.reply.text}
            </View>
          )}
        </View>
      ))}
      {page && page.reviews.length < page.total && (
        <Button block size="small" id="store-reviews-more" onClick={() => load(filter, true)}>
          查看更多评价
        </Button>
      )}
    </View>
  );
}
