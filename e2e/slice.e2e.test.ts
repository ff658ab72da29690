import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Order } from '@daojia/domain';
import { startHarness, SCREENSHOTS, type Harness, openPhone } from './lib/harness';
import { until, textContains, shows } from './lib/poll';

/**
 * The walking skeleton in real browsers: a consumer finds a store, orders, pays in the WeChat Pay sandbox; the
 * merchant sees the order and accepts it; the consumer's order page turns without a reload.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const STORE = 'store-001';
const PRODUCT = 'store-001-p001';
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

const openApp = (url: string) => openPhone(h.browser, url, { deviceScaleFactor: 2 });

test('consumer orders and pays; merchant accepts; the consumer sees it live', async () => {
  const consumer = await openApp(h.urls.consumer);
  const c = consumer.page;
  await c.click('#login-demo-consumer-1');
  await c.waitForSelector(`#store-card-${STORE}`);
  await shows(c, `#store-distance-${STORE}`, /\d+(\.\d+)?\s*(m|km)/);
  await shot(c, 'consumer-nearby');

  await c.click(`#store-card-${STORE}`);
  await c.waitForSelector(`#add-${PRODUCT}`);
  await c.click(`#add-${PRODUCT}`);
  await until(
    () => c.textContent('#cart-count'),
    (v) => v === '1',
    'cart count',
  );
  await shot(c, 'consumer-store');
  await c.click('#go-checkout');

  await c.waitForSelector('#quote-total');
  await c.click('#mode-pickup');
  // The page shows the server's quote as-is: the same total the order function computes for this user.
  const quote = (await h.cloud.functions.invoke('order', { action: 'quote', data: { storeId: STORE, mode: 'pickup', items: [{ productId: PRODUCT, quantity: 1 }] } }, { uid: 'demo-consumer-1' })) as {
    data: { breakdown: { totalFen: number } };
  };
  const total = (quote.data.breakdown.totalFen / 100).toFixed(2);
  await until(() => c.textContent('#quote-total'), textContains(total), 'pickup quote total');
  await c.click('#checkout-submit');

  await c.waitForSelector('#pay-button');
  await shows(c, '#pay-amount', total);
  await c.click('#pay-button');

  await c.waitForSelector('#order-status');
  await until(() => c.textContent('#order-status'), textContains('待商家接单'), 'paid status', 15_000);
  const orderId = await c.evaluate(() => new URLSearchParams(location.hash.split('?')[1]).get('id'));
  expect(orderId).toMatch(/^DJ\d+/);
  await shows(c, '#pickup-code', /\d{6}/);

  const merchant = await openApp(h.urls.merchant);
  const m = merchant.page;
  await m.click('#login-demo-merchant-001');
  await m.waitForSelector(`#accept-${orderId}`, { timeout: 15_000 });
  await shot(m, 'merchant-orders');
  await m.click(`#accept-${orderId}`);
  await m.click('#order-tabs >> text=进行中');
  await until(
    () =>
      m
        .locator(`#order-status-${orderId}`)
        .textContent({ timeout: 1000 })
        .catch(() => null),
    textContains('已接单'),
    'merchant sees accepted',
  );

  // No reload: the consumer's page follows the order through the realtime watch.
  await until(() => c.textContent('#order-status'), textContains('商家已接单'), 'consumer sees accepted without reload');
  await shot(c, 'consumer-order');
  expect(consumer.errors).toEqual([]);
  expect(merchant.errors).toEqual([]);
});

test('a partial refund: the consumer asks with a reason for some units of a line, the merchant approves, the consumer sees it refunded live', async () => {
  const as = (uid: string) => ({ uid, customUserId: uid });
  const ok = async <T>(uid: string, fn: string, action: string, data: unknown): Promise<T> => {
    const r = (await h.cloud.functions.invoke(fn, { action, data }, as(uid))) as { ok: boolean; data: T; message?: string };
    if (!r.ok) throw new Error(`${fn}.${action}: ${r.message}`);
    return r.data;
  };
  const { order } = await ok<{ order: { _id: string; totalFen: number } }>('demo-consumer-1', 'order', 'create', {
    idempotencyKey: 'e2e-refund-1',
    storeId: STORE,
    mode: 'pickup',
    items: [{ productId: PRODUCT, quantity: 2 }],
  });
  const { payment } = await ok<{ payment: { package: string } }>('demo-consumer-1', 'pay', 'prepay', { orderId: order._id });
  await fetch(`${h.cloud.url}/sandbox/wechatpay/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prepayId: payment.package.replace(/^prepay_id=/, '') }),
  });
  await until(
    () => h.cloud.functions.drainTriggers().then(() => h.cloud.db.find('orders', { query: { _id: order._id } })[0].status),
    (s) => s === 'paid',
    'paid',
  );
  await ok('demo-merchant-001', 'merchantOrder', 'accept', { orderId: order._id });

  const consumer = await openApp(h.urls.consumer);
  const c = consumer.page;
  await c.click('#login-demo-consumer-1');
  await c.waitForSelector(`#store-card-${STORE}`);
  await c.goto(`${h.urls.consumer}#/pages/order/index?id=${order._id}`);
  await c.click('#order-refund-open');
  await c.fill('#refund-reason textarea, textarea#refund-reason', '少了一份');
  // One of the line's two units: half the line's payable amount (its subtotal minus its share of the discounts).
  const line = (h.cloud.db.find('orders', { query: { _id: order._id } })[0] as Order).items[0] as { payableFen: number };
  const share = Math.floor(line.payableFen / 2);
  const yuan = `¥${(share / 100).toFixed(2)}`;
  await c.locator('#refund-qty-0 input, input#refund-qty-0').fill('1');
  await shows(c, '#refund-amount', yuan);
  await c.click('#refund-submit');
  await until(() => c.textContent('#order-status'), textContains('退款申请中'), 'refund requested');
  await shows(c, '#order-refund', yuan);

  // A clerk sees the request but is not offered the decision, which is the owner's.
  const clerk = await openApp(h.urls.merchant);
  await clerk.page.click('#login-demo-clerk-001');
  await clerk.page.click('#order-tabs >> text=退款');
  await shows(clerk.page, `#refund-owner-${order._id}`, '退款需店长处理');
  expect(await clerk.page.locator(`#refund-approve-${order._id}, #refund-decline-${order._id}`).count()).toBe(0);
  expect(clerk.errors).toEqual([]);
  await clerk.page.context().close();

  const merchant = await openApp(h.urls.merchant);
  const m = merchant.page;
  await m.click('#login-demo-merchant-001');
  await m.click('#order-tabs >> text=退款');
  await m.waitForSelector(`#refund-approve-${order._id}`, { timeout: 15_000 });
  await shows(m, `#refund-info-${order._id}`, '少了一份');
  await m.click(`#refund-approve-${order._id}`);

  await until(() => c.textContent('#order-status'), textContains('已退款'), 'consumer sees refunded without reload', 15_000);
  await shows(c, '#order-refund', yuan);
  const stored = h.cloud.db.find('orders', { query: { _id: order._id } })[0];
  expect(stored).toMatchObject({ status: 'refunded', refundedFen: share, refundedLines: [{ line: 0, quantity: 1, amountFen: share }] });
  expect(consumer.errors).toEqual([]);
  expect(merchant.errors).toEqual([]);
});
