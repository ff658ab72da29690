import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Checkbox, Input, Switch } from '@nutui/nutui-react-taro';
import { Cart } from '@nutui/icons-react-taro';
import { DEFAULT_LOW_STOCK_AT, lowStockMark } from '@daojia/domain';
import { CloudImage, EmptyState, PageToast, showError, showInfo, useBusy } from '@daojia/app-kit';
import { api, ensureSignedIn } from '../../services/cloud';
import { PRICE_MODES, parseStock, priceChangeOf, priceText, type CatalogList, type ManagedProduct, type PriceMode } from '../../lib/catalog';
import './index.scss';

const ALL = '__all__';

/**
 * The store's catalogue: categories as tabs, every product (on shelf or not) with its cover, price, stock, shelf
 * switch and low-stock badge; a select mode for bulk on/off and bulk price. What shows follows `allowed` from the
 * list reply: a clerk gets shelf and stock, not prices, product edits or categories.
 */
export default function Catalog() {
  const [data, setData] = useState<CatalogList | null>(null);
  const [tab, setTab] = useState(ALL);
  const [selecting, setSelecting] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [editingStock, setEditingStock] = useState<{ productId: string; skuId?: string; text: string } | null>(null);
  const [pricing, setPricing] = useState<{ mode: PriceMode; text: string } | null>(null);
  const [categoryForm, setCategoryForm] = useState<{ categoryId?: string; name: string } | null>(null);
  const [managingCategories, setManagingCategories] = useState(false);
  const [busy, run] = useBusy();

  const load = async () => {
    try {
      if (!(await ensureSignedIn())) return;
      setData(await api.merchantCatalog.list({}));
    } catch (err) {
      showError(err);
    }
  };
  useDidShow(() => void load());

  const may = (action: string) => !!data?.allowed.includes(action);
  const products = (data?.products ?? []).filter((p) => tab === ALL || p.categoryName === tab);
  const act = (fn: () => Promise<unknown>, done?: string) =>
    run(async () => {
      try {
        await fn();
        if (done) showInfo(done);
        await load();
      } catch (err) {
        showError(err);
      }
    });

  const toggleShelf = (p: ManagedProduct, onShelf: boolean) => act(() => api.merchantCatalog.setShelf({ productIds: [p._id], onShelf }), onShelf ? '已上架' : '已下架');
  const bulkShelf = (onShelf: boolean) =>
    act(async () => {
      const r = await api.merchantCatalog.setShelf({ productIds: selected, onShelf });
      showInfo(`${onShelf ? '已上架' : '已下架'} ${r.updated} 个商品`);
      setSelected([]);
    });

  function saveStock() {
    if (!editingStock) return;
    const parsed = parseStock(editingStock.text);
    if ('error' in parsed) return showInfo(parsed.error);
    const { productId, skuId } = editingStock;
    void act(async () => {
      await api.merchantCatalog.setStock({ productId, ...(skuId ? { skuId } : {}), stock: parsed.stock });
      setEditingStock(null);
    }, '库存已更新');
  }

  function applyPrice() {
    if (!pricing) return;
    const parsed = priceChangeOf(pricing.mode, pricing.text);
    if ('error' in parsed) return showInfo(parsed.error);
    void act(async () => {
      await api.merchantCatalog.bulkPrice({ productIds: selected, change: parsed.change });
      setPricing(null);
      setSelected([]);
    }, '价格已调整');
  }

  function saveCategory() {
    if (!categoryForm) return;
    const name = categoryForm.name.trim();
    if (!name) return showInfo('请填写分类名称');
    void act(
      async () => {
        const r = await api.merchantCatalog.saveCategory({ ...(categoryForm.categoryId ? { categoryId: categoryForm.categoryId } : {}), name });
        setCategoryForm(null);
        if (r.movedProducts) showInfo(`已改名，${r.movedProducts} 个商品随之移动`);
      },
      categoryForm.categoryId ? undefined : '分类已添加',
    );
  }

  const moveCategory = (index: number, by: -1 | 1) => {
    const ids = (data?.categories ?? []).map((c) => c._id);
    const to = index + by;
    if (to < 0 || to >= ids.length) return;
    [ids[index], ids[to]] = [ids[to], ids[index]];
    void act(() => api.merchantCatalog.reorderCategories({ categoryIds: ids }));
  };

  const stockEditor = (productId: string, skuId: string | undefined, stock: number, id: string, low: boolean) =>
    editingStock && editingStock.productId === productId && editingStock.skuId === skuId ? (
      <View className="stock-editor">
        <Input id={`${id}-input`} type="number" value={editingStock.text} onChange={(text) => setEditingStock({ ...editingStock, text })} maxLength={6} />
        <Button size="small" type="primary" id={`${id}-save`} disabled={busy} onClick={saveStock}>
          保存
        </Button>
        <Button size="small" onClick={() => setEditingStock(null)}>
          取消
        </Button>
      </View>
    ) : (
      <Text className={`stock link ${low ? 'stock--low' : ''}`} id={id} onClick={() => may('setStock') && setEditingStock({ productId, skuId, text: String(stock) })}>
        库存 {stock}
      </Text>
    );

  if (!data) {
    return (
      <View className="page" id="page-catalog">
        <View className="section muted">加载中…</View>
        <PageToast />
      </View>
    );
  }

  return (
    <View className="page" id="page-catalog">
      <View className="section row">
        <Text className="title">商品管理</Text>
        <View className="actions">
          {may('save') && (
            <Button size="small" type="primary" id="catalog-new" onClick={() => Taro.navigateTo({ url: `/pages/product/index${tab === ALL ? '' : `?category=${encodeURIComponent(tab)}`}` })}>
              新建商品
            </Button>
          )}
          {may('save') && (
            <Button size="small" id="catalog-import-link" onClick={() => Taro.navigateTo({ url: '/pages/catalog-import/index' })}>
              批量导入
            </Button>
          )}
        </View>
      </View>

      {data.lowStockCount > 0 && (
        <View className="section notice" id="low-stock-count">
          {data.lowStockCount} 个商品库存紧张（≤ 预警值，默认 {DEFAULT_LOW_STOCK_AT}），请及时补货
        </View>
      )}

      <View className="chips category-tabs" id="category-tabs">
        <Text className={`chip ${tab === ALL ? 'chip--on' : ''}`} id="category-tab-all" onClick={() => setTab(ALL)}>
          全部 {data.products.length}
        </Text>
        {data.categories.map((c, i) => (
          <Text key={c._id} className={`chip ${tab === c.name ? 'chip--on' : ''}`} id={`category-tab-${i}`} onClick={() => setTab(c.name)}>
            {c.name} {c.productCount}
          </Text>
        ))}
        {may('saveCategory') && (
          <Text className="chip chip--tool" id="categories-manage" onClick={() => setManagingCategories(!managingCategories)}>
            {managingCategories ? '完成' : '管理分类'}
          </Text>
        )}
      </View>

      {managingCategories && (
        <View className="section" id="category-manager">
          {data.categories.map((c, i) => (
            <View key={c._id} className="row category-row" id={`category-row-${i}`}>
              <Text>
                {c.name}（{c.productCount}）
              </Text>
              <View className="actions">
                <Text className="link" id={`category-up-${i}`} onClick={() => moveCategory(i, -1)}>
                  上移
                </Text>
                <Text className="link" id={`category-down-${i}`} onClick={() => moveCategory(i, 1)}>
                  下移
                </Text>
                <Text className="link" id={`category-rename-${i}`} onClick={() => setCategoryForm({ categoryId: c._id, name: c.name })}>
                  改名
                </Text>
                <Text className="link danger" id={`category-remove-${i}`} onClick={() => act(() => api.merchantCatalog.removeCategory({ categoryId: c._id }), '分类已删除')}>
                  删除
                </Text>
              </View>
            </View>
          ))}
          {categoryForm ? (
            <View className="row">
              <Input id="category-name" placeholder="分类名称，如 招牌面" value={categoryForm.name} onChange={(name) => setCategoryForm({ ...categoryForm, name })} maxLength={20} />
              <Button size="small" type="primary" id="category-save" disabled={busy} onClick={saveCategory}>
                保存
              </Button>
            </View>
          ) : (
            <Button size="small" id="category-add" onClick={() => setCategoryForm({ name: '' })}>
              添加分类
            </Button>
          )}
        </View>
      )}

      <View className="section row">
        <Text className="muted">{selecting ? `已选 ${selected.length} 个` : `共 ${products.length} 个商品`}</Text>
        <View className="actions">
          {selecting && (
            <Text className="link" id="select-all" onClick={() => setSelected(selected.length === products.length ? [] : products.map((p) => p._id))}>
              {selected.length === products.length ? '全不选' : '全选'}
            </Text>
          )}
          <Text
            className="link"
            id="select-mode"
            onClick={() => {
              setSelecting(!selecting);
              setSelected([]);
              setPricing(null);
            }}
          >
            {selecting ? '完成' : '批量操作'}
          </Text>
        </View>
      </View>

      {products.length === 0 && (
        <View id="catalog-empty">
          <EmptyState icon={<Cart size={56} color="#c8c9cc" />} description={tab === ALL ? '还没有商品' : '这个分类下还没有商品'} />
        </View>
      )}

      {products.map((p) => (
        <View key={p._id} className={`section catalog-item ${p.onShelf ? '' : 'catalog-item--off'}`} id={`product-row-${p._id}`}>
          <View className="row">
            {selecting && <Checkbox id={`select-${p._id}`} checked={selected.includes(p._id)} onChange={(on) => setSelected(on ? [...selected, p._id] : selected.filter((x) => x !== p._id))} />}
            <CloudImage src={p.image} className="catalog-item-cover" placeholder={<Text className="muted">无图</Text>} />
            <View className="catalog-item-main">
              <View className="catalog-item-name">
                <Text id={`product-name-${p._id}`}>{p.name}</Text>
                {p.lowStock && (
                  <Text className="badge badge--low" id={`low-stock-${p._id}`}>
                    库存紧张
                  </Text>
                )}
                {!p.onShelf && <Text className="badge">已下架</Text>}
              </View>
              <View className="catalog-item-figures">
                <Text className="price" id={`product-price-${p._id}`}>
                  {priceText(p)}
                </Text>
                {!p.skus?.length ? stockEditor(p._id, undefined, p.stock, `stock-${p._id}`, p.lowStock) : <Text className="muted">共 {p.stock} 件</Text>}
              </View>
            </View>
            <View className="catalog-item-side">
              <Switch id={`shelf-${p._id}`} checked={p.onShelf} disabled={busy || !may('setShelf')} onChange={(on) => void toggleShelf(p, on)} />
              {may('save') && (
                <Text className="link" id={`edit-${p._id}`} onClick={() => Taro.navigateTo({ url: `/pages/product/index?id=${p._id}` })}>
                  编辑
                </Text>
              )}
            </View>
          </View>
          {!!p.skus?.length && (
            <View className="sku-lines">
              {p.skus.map((s) => (
                <View key={s.id} className="row sku-line" id={`sku-line-${p._id}-${s.id}`}>
                  <Text>{s.label}</Text>
                  <Text className="muted">¥{(s.priceFen / 100).toFixed(2)}</Text>
                  {stockEditor(p._id, s.id, s.stock, `stock-${p._id}-${s.id}`, s.stock <= lowStockMark(p))}
                </View>
              ))}
            </View>
          )}
        </View>
      ))}

      {selecting && pricing && (
        <View className="section" id="bulk-price-panel">
          <View className="chips">
            {PRICE_MODES.map((m) => (
              <Text key={m.value} className={`chip ${pricing.mode === m.value ? 'chip--on' : ''}`} id={`price-mode-${m.value}`} onClick={() => setPricing({ ...pricing, mode: m.value })}>
                {m.label}
              </Text>
            ))}
          </View>
          <Input
            id="bulk-price-value"
            type="text"
            placeholder={PRICE_MODES.find((m) => m.value === pricing.mode)!.placeholder}
            value={pricing.text}
            onChange={(text) => setPricing({ ...pricing, text })}
          />
          <View className="muted">含规格的商品，每个规格都按此调整；按比例时四舍五入到分，调整后低于 0.01 元则全部不改。</View>
          <Button type="primary" block id="bulk-price-confirm" disabled={busy || !selected.length} onClick={applyPrice}>
            确认调价（{selected.length} 个商品）
          </Button>
        </View>
      )}

      {selecting && (
        <View className="bottom-bar">
          <Button size="small" id="bulk-on" disabled={busy || !selected.length || !may('setShelf')} onClick={() => void bulkShelf(true)}>
            上架
          </Button>
          <Button size="small" id="bulk-off" disabled={busy || !selected.length || !may('setShelf')} onClick={() => void bulkShelf(false)}>
            下架
          </Button>
          {may('bulkPrice') && (
            <Button size="small" type="primary" id="bulk-price" disabled={!selected.length} onClick={() => setPricing(pricing ? null : { mode: 'percent', text: '' })}>
              调价
            </Button>
          )}
        </View>
      )}
      <PageToast />
    </View>
  );
}
