import { useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input, Switch, TextArea } from '@nutui/nutui-react-taro';
import { DEFAULT_LOW_STOCK_AT, type ApiInput } from '@daojia/domain';
import { CloudImage, PageToast, chooseAndUploadImage, showError, showInfo, useBusy } from '@daojia/app-kit';
import { api, ensureSignedIn } from '../../services/cloud';
import { fenToYuan, parseStock, yuanToFen, type CatalogList, type ManagedProduct } from '../../lib/catalog';
import './index.scss';

type SaveInput = ApiInput<'merchantCatalog', 'save'>;
interface SkuRow {
  id?: string;
  label: string;
  price: string;
  stock: string;
  /** The stock the form opened with: sent only when changed, so what orders took meanwhile stays taken. */
  openedStock?: string;
}
interface SpecRow {
  name: string;
  /** 「不辣, 微辣, 溏心蛋+5」: options, each with an optional price in yuan after + or -. */
  options: string;
}
interface Form {
  name: string;
  description: string;
  categoryName: string;
  kind: 'goods' | 'service';
  durationMin: string;
  images: string[];
  skus: SkuRow[];
  price: string;
  stock: string;
  openedStock?: string;
  specs: SpecRow[];
  lowStockAt: string;
  onShelf: boolean;
}

const MAX_IMAGES = 9;
const blank = (categoryName = ''): Form => ({
  name: '',
  description: '',
  categoryName,
  kind: 'goods',
  durationMin: '',
  images: [],
  skus: [],
  price: '',
  stock: '',
  specs: [],
  lowStockAt: '',
  onShelf: true,
});

function formOf(p: ManagedProduct): Form {
  return {
    name: p.name,
    description: p.description,
    categoryName: p.categoryName,
    kind: p.kind,
    durationMin: p.durationMin ? String(p.durationMin) : '',
    images: p.images ?? (p.image ? [p.image] : []),
    skus: (p.skus ?? []).map((s) => ({ id: s.id, label: s.label, price: fenToYuan(s.priceFen), stock: String(s.stock), openedStock: String(s.stock) })),
    price: fenToYuan(p.priceFen),
    stock: String(p.stock),
    openedStock: String(p.stock),
    specs: (p.specs ?? []).map((g) => ({
      name: g.name,
      options: g.options.map((o) => (o.priceDeltaFen ? `${o.label}${o.priceDeltaFen > 0 ? '+' : '-'}${fenToYuan(Math.abs(o.priceDeltaFen))}` : o.label)).join(', '),
    })),
    lowStockAt: p.lowStockAt === undefined ? '' : String(p.lowStockAt),
    onShelf: p.onShelf,
  };
}

/** The form as the save action takes it, or the first thing to fix. */
function inputOf(f: Form, productId?: string): { input: SaveInput } | { error: string } {
  if (!f.name.trim()) return { error: '请填写商品名称' };
  if (!f.categoryName) return { error: '请选择分类' };
  const input: SaveInput = { ...(productId ? { productId } : {}), name: f.name.trim(), description: f.description.trim(), categoryName: f.categoryName, kind: f.kind, images: f.images };
  if (f.kind === 'service') {
    if (!/^\d{1,4}$/.test(f.durationMin.trim())) return { error: '请填写服务时长（分钟）' };
    input.durationMin = Number(f.durationMin.trim());
  } else if (productId) input.durationMin = null;
  const skus: NonNullable<SaveInput['skus']> = [];
  for (const [i, s] of f.skus.entries()) {
    if (!s.label.trim()) return { error: `请填写第 ${i + 1} 个规格的名称` };
    const price = yuanToFen(s.price);
    if ('error' in price) return { error: `规格「${s.label}」：${price.error}` };
    const changed = !s.id || s.stock !== s.openedStock;
    const stock = parseStock(s.stock);
    if (changed && 'error' in stock) return { error: `规格「${s.label}」：${stock.error}` };
    skus.push({ ...(s.id ? { id: s.id } : {}), label: s.label.trim(), priceFen: price.fen, ...(changed && 'stock' in stock ? { stock: stock.stock } : {}) });
  }
  input.skus = skus;
  if (!skus.length) {
    const price = yuanToFen(f.price);
    if ('error' in price) return price;
    input.priceFen = price.fen;
    if (!productId || f.stock !== f.openedStock) {
      const stock = parseStock(f.stock);
      if ('error' in stock) return stock;
      input.stock = stock.stock;
    }
  }
  const specs: NonNullable<SaveInput['specs']> = [];
  for (const g of f.specs) {
    const options = g.options
      .split(/[,，、]/)
      .map((o) => o.trim())
      .filter(Boolean)
      .map((o) => {
        const m = /^(.*?)([+-])(\d+(?:\.\d{1,2})?)$/.exec(o);
        return m ? { label: m[1].trim(), priceDeltaFen: (m[2] === '-' ? -1 : 1) * Math.round(Number(m[3]) * 100) } : { label: o, priceDeltaFen: 0 };
      });
    if (!g.name.trim() || !options.length) return { error: '口味/加料选项需要名称和至少一个选项' };
    specs.push({ name: g.name.trim(), options });
  }
  input.specs = specs;
  if (f.lowStockAt.trim()) {
    const low = parseStock(f.lowStockAt);
    if ('error' in low) return { error: `预警库存：${low.error}` };
    input.lowStockAt = low.stock;
  } else if (productId) input.lowStockAt = null;
  if (!productId) input.onShelf = f.onShelf;
  return { input };
}

/** Back to the list this form was opened from, or to the list when it was opened directly (a link, a reload). */
function backToCatalog() {
  const pages = Taro.getCurrentPages();
  const previous = pages[pages.length - 2]?.route ?? '';
  if (previous.includes('pages/catalog/index')) void Taro.navigateBack();
  else void Taro.redirectTo({ url: '/pages/catalog/index' });
}

/** Create or edit a product: photos, name, category, kind, SKUs (each with price and stock) or one price and stock, specs. */
export default function ProductEdit() {
  const { params } = useRouter();
  const productId = params.id;
  const [catalog, setCatalog] = useState<CatalogList | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [busy, run] = useBusy();

  useDidShow(() => {
    void (async () => {
      try {
        if (!(await ensureSignedIn())) return;
        const list = await api.merchantCatalog.list({});
        setCatalog(list);
        if (form) return;
        const p = productId ? list.products.find((x) => x._id === productId) : undefined;
        if (productId && !p) return showInfo('商品不存在或已删除');
        setForm(p ? formOf(p) : blank(params.category ? decodeURIComponent(params.category) : (list.categories[0]?.name ?? '')));
      } catch (err) {
        showError(err);
      }
    })();
  });

  const set = (patch: Partial<Form>) => setForm((f) => (f ? { ...f, ...patch } : f));
  const setSku = (i: number, patch: Partial<SkuRow>) => setForm((f) => (f ? { ...f, skus: f.skus.map((s, j) => (j === i ? { ...s, ...patch } : s)) } : f));
  const setSpec = (i: number, patch: Partial<SpecRow>) => setForm((f) => (f ? { ...f, specs: f.specs.map((s, j) => (j === i ? { ...s, ...patch } : s)) } : f));

  const addPhoto = () =>
    run(async () => {
      const fileId = await chooseAndUploadImage({ folder: 'products' });
      if (fileId) setForm((f) => (f ? { ...f, images: [...f.images, fileId] } : f));
    });

  const save = () =>
    run(async () => {
      if (!form) return;
      const r = inputOf(form, productId);
      if ('error' in r) return showInfo(r.error);
      await api.merchantCatalog.save(r.input);
      showInfo(productId ? '已保存' : '商品已创建');
      setTimeout(backToCatalog, 600);
    });

  const remove = () =>
    run(async () => {
      if (!productId) return;
      const { confirm } = await Taro.showModal({ title: '删除商品', content: '删除后顾客将看不到这个商品；已有订单不受影响。确定删除？' });
      if (!confirm) return;
      await api.merchantCatalog.remove({ productId });
      showInfo('商品已删除');
      setTimeout(backToCatalog, 600);
    });

  if (!form || !catalog) {
    return (
      <View className="page" id="page-product">
        <View className="section muted">加载中…</View>
        <PageToast />
      </View>
    );
  }

  return (
    <View className="page" id="page-product">
      <View className="section">
        <Text className="title">{productId ? '编辑商品' : '新建商品'}</Text>
      </View>

      <View className="section">
        <View className="label">商品图片（第一张为封面，最多 {MAX_IMAGES} 张）</View>
        <View className="photos" id="product-photos">
          {form.images.map((img, i) => (
            <View key={img} className="photo" id={`photo-${i}`}>
              <CloudImage src={img} className="photo-image" />
              <Text className="photo-remove" id={`photo-remove-${i}`} onClick={() => set({ images: form.images.filter((x) => x !== img) })}>
                ×
              </Text>
              {i > 0 && (
                <Text className="photo-cover" id={`photo-cover-${i}`} onClick={() => set({ images: [img, ...form.images.filter((x) => x !== img)] })}>
                  设为封面
                </Text>
              )}
            </View>
          ))}
          {form.images.length < MAX_IMAGES && (
            <View className="photo photo-add" id="photo-add" onClick={() => !busy && void addPhoto()}>
              <Text>{busy ? '上传中…' : '+ 添加图片'}</Text>
            </View>
          )}
        </View>
      </View>

      <View className="section">
        <View className="label">商品名称</View>
        <Input id="product-name" placeholder="如 番茄牛腩面" value={form.name} onChange={(name) => set({ name })} maxLength={60} />
        <View className="label">描述</View>
        <TextArea id="product-description" placeholder="食材、分量、口味等（选填）" value={form.description} onChange={(description) => set({ description })} maxLength={500} />
        <View className="label">分类</View>
        <View className="chips" id="product-categories">
          {catalog.categories.map((c, i) => (
            <Text key={c._id} className={`chip ${form.categoryName === c.name ? 'chip--on' : ''}`} id={`product-category-${i}`} onClick={() => set({ categoryName: c.name })}>
              {c.name}
            </Text>
          ))}
          {!catalog.categories.length && <Text className="muted">还没有分类，请先在商品管理页添加分类</Text>}
        </View>
        <View className="label">类型</View>
        <View className="chips">
          <Text className={`chip ${form.kind === 'goods' ? 'chip--on' : ''}`} id="product-kind-goods" onClick={() => set({ kind: 'goods' })}>
            商品
          </Text>
          <Text className={`chip ${form.kind === 'service' ? 'chip--on' : ''}`} id="product-kind-service" onClick={() => set({ kind: 'service' })}>
            服务
          </Text>
        </View>
        {form.kind === 'service' && (
          <Input id="product-duration" type="number" placeholder="服务时长（分钟）" value={form.durationMin} onChange={(durationMin) => set({ durationMin })} maxLength={4} />
        )}
      </View>

      <View className="section">
        <View className="row">
          <View className="label">规格（如 大份/小份，各自的价格和库存）</View>
          <Text className="link" id="sku-add" onClick={() => set({ skus: [...form.skus, { label: '', price: form.skus.length ? '' : form.price, stock: form.skus.length ? '' : form.stock }] })}>
            + 添加规格
          </Text>
        </View>
        {form.skus.map((s, i) => (
          <View key={s.id ?? `new-${i}`} className="sku-row" id={`sku-row-${i}`}>
            <Input id={`sku-label-${i}`} className="sku-label" placeholder="规格名" value={s.label} onChange={(label) => setSku(i, { label })} maxLength={20} />
            <Input id={`sku-price-${i}`} type="digit" placeholder="价格（元）" value={s.price} onChange={(price) => setSku(i, { price })} />
            <Input id={`sku-stock-${i}`} type="number" placeholder="库存" value={s.stock} onChange={(stock) => setSku(i, { stock })} maxLength={6} />
            <Text className="link danger" id={`sku-remove-${i}`} onClick={() => set({ skus: form.skus.filter((_, j) => j !== i) })}>
              删除
            </Text>
          </View>
        ))}
        {!form.skus.length && (
          <View className="row single-price">
            <Input id="product-price" type="digit" placeholder="价格（元）" value={form.price} onChange={(price) => set({ price })} />
            <Input id="product-stock" type="number" placeholder="库存" value={form.stock} onChange={(stock) => set({ stock })} maxLength={6} />
          </View>
        )}
        <View className="label">库存预警（库存不高于此数时提醒，留空为 {DEFAULT_LOW_STOCK_AT}）</View>
        <Input id="product-low-stock" type="number" placeholder={String(DEFAULT_LOW_STOCK_AT)} value={form.lowStockAt} onChange={(lowStockAt) => set({ lowStockAt })} maxLength={6} />
      </View>

      <View className="section">
        <View className="row">
          <View className="label">口味/加料（不单独计库存，如 辣度：不辣, 微辣, 加辣；加价写 溏心蛋+5）</View>
          <Text className="link" id="spec-add" onClick={() => set({ specs: [...form.specs, { name: '', options: '' }] })}>
            + 添加
          </Text>
        </View>
        {form.specs.map((g, i) => (
          <View key={i} className="sku-row" id={`spec-row-${i}`}>
            <Input id={`spec-name-${i}`} className="sku-label" placeholder="名称，如 辣度" value={g.name} onChange={(name) => setSpec(i, { name })} maxLength={20} />
            <Input id={`spec-options-${i}`} placeholder="选项，用逗号分隔" value={g.options} onChange={(options) => setSpec(i, { options })} />
            <Text className="link danger" id={`spec-remove-${i}`} onClick={() => set({ specs: form.specs.filter((_, j) => j !== i) })}>
              删除
            </Text>
          </View>
        ))}
      </View>

      {!productId && (
        <View className="section row">
          <Text>创建后立即上架</Text>
          <Switch id="product-on-shelf" checked={form.onShelf} onChange={(onShelf) => set({ onShelf })} />
        </View>
      )}

      <View className="bottom-bar">
        {productId ? (
          <Button id="product-remove" disabled={busy} onClick={() => void remove()}>
            删除商品
          </Button>
        ) : (
          <View />
        )}
        <Button type="primary" id="product-save" disabled={busy} onClick={() => void save()}>
          {productId ? '保存' : '创建商品'}
        </Button>
      </View>
      <PageToast />
    </View>
  );
}
