import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Popup } from '@nutui/nutui-react-taro';
import { formatFen, resolveChoice, type Product } from '@daojia/domain';

export interface Choice {
  skuId?: string;
  specs: Record<string, string>;
}

/** The SKU a picker opens on: the first one with stock left (none when all are sold out). */
const firstInStock = (p: Product) => p.skus?.find((s) => s.stock > 0)?.id;
const initial = (p: Product): Choice => ({ skuId: firstInStock(p), specs: Object.fromEntries((p.specs ?? []).map((s) => [s.name, s.options[0].label])) });

/**
 * Choosing a product's SKU (大碗 / 小碗: each its own price, a sold-out one disabled) and its specs (加辣) before it
 * goes into the cart. The price shown is the domain's `resolveChoice`, the one pricing charges. `left` is what the
 * chosen SKU still allows after what the cart already holds of it.
 */
export function SkuPicker({ product, left, onAdd, onClose }: { product: Product | null; left: (p: Product, skuId?: string) => number; onAdd: (p: Product, c: Choice) => void; onClose: () => void }) {
  const [choice, setChoice] = useState<Choice>({ specs: {} });
  useEffect(() => {
    if (product) setChoice(initial(product));
  }, [product]);
  const ready = !!product && (!product.skus?.length || (choice.skuId !== undefined && product.skus.some((s) => s.id === choice.skuId)));
  const resolved = product && ready ? resolveChoice(product, choice) : undefined;
  const room = product && resolved ? left(product, choice.skuId) : 0;
  const canAdd = room > 0;
  // What the chosen SKU still allows, once it runs short (what the cart holds counts against it).
  const hint = !resolved ? '' : room <= 0 ? '已达库存上限' : room <= 5 ? `仅剩 ${room} 件` : '';
  return (
    <Popup visible={!!product} position="bottom" round closeable title={product?.name} onClose={onClose}>
      {product && (
        <View id="sku-picker" style={{ padding: '16px 24px 32px' }}>
          {product.skus?.length ? (
            <View className="section" style={{ margin: 0, padding: '8px 0' }}>
              <Text className="muted">规格</Text>
              <View className="chips" style={{ padding: '8px 0' }}>
                {product.skus.map((s) => (
                  <Button key={s.id} id={`sku-${s.id}`} size="small" type={choice.skuId === s.id ? 'primary' : 'default'} disabled={s.stock <= 0} onClick={() => setChoice({ ...choice, skuId: s.id })}>
                    {s.stock <= 0 ? `${s.label}（已售罄）` : s.label}
                  </Button>
                ))}
              </View>
            </View>
          ) : null}
          {(product.specs ?? []).map((spec, i) => (
            <View key={spec.name} style={{ padding: '8px 0' }}>
              <Text className="muted">{spec.name}</Text>
              <View className="chips" style={{ padding: '8px 0' }}>
                {spec.options.map((o, j) => (
                  <Button
                    key={o.label}
                    id={`spec-${i}-${j}`}
                    size="small"
                    type={choice.specs[spec.name] === o.label ? 'primary' : 'default'}
                    onClick={() => setChoice({ ...choice, specs: { ...choice.specs, [spec.name]: o.label } })}
                  >
                    {o.priceDeltaFen ? `${o.label} +${formatFen(o.priceDeltaFen)}` : o.label}
                  </Button>
                ))}
              </View>
            </View>
          ))}
          <View className="row" style={{ paddingTop: '16px' }}>
            <View>
              <Text className="price" id="picker-price">
                {resolved ? formatFen(resolved.unitPriceFen) : '已售罄'}
              </Text>
              {hint && (
                <Text className="muted" id="picker-left" style={{ marginLeft: '8px' }}>
                  {hint}
                </Text>
              )}
            </View>
            <Button type="primary" id="picker-add" disabled={!canAdd} onClick={() => product && resolved && onAdd(product, choice)}>
              加入购物车
            </Button>
          </View>
        </View>
      )}
    </Popup>
  );
}
