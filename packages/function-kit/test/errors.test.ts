import { z } from 'zod';
import { createOrderInput, nearbyInput, quoteInput, refundRequestInput, verifyCodeInput } from '@daojia/domain';
import { describeZodError, parseInput } from '../src/errors';
import { fieldLabel } from '../src/zod-messages';

/** The message a caller gets for `data` against a real action schema. */
function messageFor(schema: z.ZodType, data: unknown): string {
  try {
    parseInput(schema, data);
  } catch (e) {
    if (e instanceof z.ZodError) return describeZodError(e);
    throw e;
  }
  throw new Error('expected the input to be rejected');
}

const line = (quantity: unknown) => ({ storeId: 's1', mode: 'delivery', items: [{ productId: 'p1', quantity }] });

describe('describeZodError', () => {
  test('a fractional quantity is a wrong type, not a missing field', () => {
    expect(messageFor(quoteInput, line(1.5))).toBe('请求参数有误：第1件商品的数量应为整数');
  });

  test('a quantity sent as text names the expected type', () => {
    expect(messageFor(quoteInput, line('2'))).toBe('请求参数有误：第1件商品的数量应为数字');
  });

  test('a field that is absent is reported missing', () => {
    const { quantity: _omit, ...item } = line(1).items[0];
    expect(messageFor(quoteInput, { ...line(1), items: [item] })).toBe('请求参数有误：缺少第1件商品的数量');
  });

  test("the schema's own message wins and is placed under the cart line it is about", () => {
    const data = {
      storeId: 's1',
      mode: 'delivery',
      items: [
        { productId: 'p1', quantity: 1 },
        { productId: 'p2', quantity: 0 },
      ],
    };
    expect(messageFor(quoteInput, data)).toBe('请求参数有误：第2件商品的数量至少为 1');
    expect(messageFor(quoteInput, line(1e9))).toBe('请求参数有误：第1件商品的数量最多为 99');
    expect(messageFor(quoteInput, { ...line(1), items: [] })).toBe('请求参数有误：购物车是空的');
    expect(messageFor(verifyCodeInput, { code: '12ab56' })).toBe('请求参数有误：核销码为 6 位数字');
    expect(messageFor(refundRequestInput, { orderId: 'o1', reason: '' })).toBe('请求参数有误：请填写退款原因');
  });

  test('a nested message that does not start with its field is put under the full field name', () => {
    const schema = z.object({ items: z.array(z.object({ note: z.string().max(2, '太长了') })) });
    expect(messageFor(schema, { items: [{ note: 'abc' }] })).toBe('请求参数有误：第1件商品的note：太长了');
  });

  test('a smuggled price says prices are computed by the server', () => {
    const data = { ...line(1), items: [{ productId: 'p1', quantity: 1, priceFen: 1 }] };
    expect(messageFor(quoteInput, data)).toBe('请求参数有误：第1件商品含不支持的字段 priceFen：价格由服务端计算，请勿传入');
    expect(messageFor(quoteInput, { ...line(1), totalFen: 1 })).toBe('请求参数有误：请求含不支持的字段 totalFen：价格由服务端计算，请勿传入');
  });

  test('enums, ranges, formats and several issues at once', () => {
    expect(messageFor(quoteInput, { ...line(1), mode: 'fly' })).toBe('请求参数有误：履约方式只能是 delivery、pickup、booking 之一');
    expect(messageFor(nearbyInput, { lng: 200, lat: 31 })).toBe('请求参数有误：经度不能大于 180');
    const create = { ...line(1), idempotencyKey: 'key-12345', slot: { start: '明天下午' } };
    expect(messageFor(createOrderInput, create)).toBe('请求参数有误：预约时段的开始时间应为带时区的时间，例如 2025-01-01T12:00:00+08:00');
    expect(messageFor(createOrderInput, { ...line(1), idempotencyKey: 'a b', remark: 'x'.repeat(101) })).toBe('请求参数有误：请求编号至少 8 个字；请求编号格式不正确；备注最多 100 个字');
  });
});

test('fieldLabel reads paths as Chinese', () => {
  expect(fieldLabel([])).toBe('请求');
  expect(fieldLabel(['items', 2, 'productId'])).toBe('第3件商品的商品编号');
  expect(fieldLabel(['slot', 'start'])).toBe('预约时段的开始时间');
  expect(fieldLabel(['unknownField', 0])).toBe('第1个unknownField');
});
