/**
 * Chinese messages for zod issues. Passed to `parse` as the per-call error map, so a message written in a schema
 * (e.g. `min(1, '数量至少为 1')`) still wins (zod ranks schema-level messages above the per-call map) and only the
 * defaults are replaced. The per-call map sees the raw issue, which still carries `input`: that is how a missing
 * field is told from one of the wrong type (zod 4 drops `input` from the final issue unless `reportInput` is set).
 */
import type { z } from 'zod';

type RawIssue = z.core.$ZodRawIssue;
type Segment = PropertyKey;

/** Readable names of the fields clients send; `unit` is the measure word for "第N…" when the field is a list. */
const FIELD_LABELS: Record<string, { name: string; unit?: string }> = {
  items: { name: '商品', unit: '件' },
  productId: { name: '商品编号' },
  quantity: { name: '数量' },
  /** order.requestRefund items: the index of the order line to refund. */
  line: { name: '商品序号' },
  specs: { name: '规格' },
  storeId: { name: '门店编号' },
  mode: { name: '履约方式' },
  couponId: { name: '优惠券' },
  addressId: { name: '收货地址' },
  idempotencyKey: { name: '请求编号' },
  slot: { name: '预约时段' },
  start: { name: '开始时间' },
  remark: { name: '备注' },
  orderId: { name: '订单编号' },
  reason: { name: '原因' },
  amountFen: { name: '金额' },
  status: { name: '订单状态' },
  tab: { name: '订单分类' },
  code: { name: '核销码' },
  offset: { name: '分页起点' },
  limit: { name: '每页条数' },
  lng: { name: '经度' },
  lat: { name: '纬度' },
  category: { name: '分类' },
  keyword: { name: '关键词' },
  maxDistanceM: { name: '距离范围' },
  openNow: { name: '营业中筛选' },
  minRating: { name: '最低评分' },
  days: { name: '天数' },
  region: { name: '区域' },
  action: { name: '操作' },
};

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true/false）',
  object: '对象',
  array: '列表',
  bigint: '整数',
  date: '日期',
};

/** `['items', 0, 'quantity']` → `第1件商品的数量`; an empty path is the request itself. */
export function fieldLabel(path: readonly Segment[]): string {
  const parts: string[] = [];
  path.forEach((seg, i) => {
    if (typeof seg === 'number') {
      const list = FIELD_LABELS[String(path[i - 1])];
      const prev = parts.pop() ?? '';
      parts.push(`第${seg + 1}${list?.unit ?? '个'}${list ? list.name : prev}`);
    } else {
      parts.push(FIELD_LABELS[String(seg)]?.name ?? String(seg));
    }
  });
  return parts.join('的') || '请求';
}

const PRICE_LIKE = /price|fen|total|amount|discount/i;

function sizeText(origin: string, n: number | bigint): string {
  if (origin === 'string') return `${n} 个字`;
  if (origin === 'array' || origin === 'set') return `${n} 项`;
  return String(n);
}

/** The message of one issue, as a whole sentence naming the field. */
export function zhIssueMessage(iss: RawIssue): string {
  const label = fieldLabel(iss.path ?? []);
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return `缺少${label}`;
      return `${label}应为${TYPE_NAMES[iss.expected] ?? iss.expected}`;
    case 'too_small':
      if (iss.origin === 'string' && Number(iss.minimum) === 1) return `${label}不能为空`;
      if (iss.origin === 'number' || iss.origin === 'bigint') return `${label}${iss.inclusive ? '不能小于' : '必须大于'} ${iss.minimum}`;
      return `${label}至少 ${sizeText(iss.origin, iss.minimum)}`;
    case 'too_big':
      if (iss.origin === 'number' || iss.origin === 'bigint') return `${label}${iss.inclusive ? '不能大于' : '必须小于'} ${iss.maximum}`;
      return `${label}最多 ${sizeText(iss.origin, iss.maximum)}`;
    case 'invalid_format':
      if (iss.format === 'datetime') return `${label}应为带时区的时间，例如 2025-01-01T12:00:00+08:00`;
      return `${label}格式不正确`;
    case 'invalid_value':
      return `${label}只能是 ${iss.values.map(String).join('、')} 之一`;
    case 'not_multiple_of':
      return `${label}必须是 ${iss.divisor} 的倍数`;
    case 'unrecognized_keys': {
      const keys = iss.keys.join('、');
      return iss.keys.some((k) => PRICE_LIKE.test(k)) ? `${label}含不支持的字段 ${keys}：价格由服务端计算，请勿传入` : `${label}含不支持的字段 ${keys}`;
    }
    default:
      return `${label}格式不正确`;
  }
}
