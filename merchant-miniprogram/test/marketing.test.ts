import { couponInputFromForm, newCouponForm, tierForms, tiersFromForm } from '../src/lib/marketing';

test('满减 rows typed in yuan become fen; a row that is not an amount names its tier', () => {
  expect(
    tiersFromForm([
      { threshold: '30', reduction: '3' },
      { threshold: '60.5', reduction: '8.05' },
    ]),
  ).toEqual({
    tiers: [
      { thresholdFen: 3000, reductionFen: 300 },
      { thresholdFen: 6050, reductionFen: 805 },
    ],
  });
  expect(
    tiersFromForm([
      { threshold: '30', reduction: '3' },
      { threshold: '六十', reduction: '8' },
    ]),
  ).toEqual({ error: expect.stringContaining('第 2 档') });
  expect(tierForms([{ thresholdFen: 3000, reductionFen: 350 }])).toEqual([{ threshold: '30', reduction: '3.50' }]);
});

test('the coupon form becomes createCoupon input: Shanghai dates from the first day’s start to the last day’s end', () => {
  const form = { ...newCouponForm(new Date('2026-12-03T20:00:00Z')), title: ' 周末券 ', amount: '8', threshold: '50', total: '30', perUser: '2' };
  expect(form.from).toBe('2026-12-04'); // already the 4th in Shanghai
  expect(couponInputFromForm(form)).toEqual({
    input: { title: '周末券', amountFen: 800, thresholdFen: 5000, totalQuantity: 30, perUserLimit: 2, validFrom: '2026-12-04T00:00:00+08:00', validTo: '2027-01-03T23:59:59+08:00' },
  });
  expect(couponInputFromForm({ ...form, threshold: '' })).toMatchObject({ input: { thresholdFen: 0 } });
  expect(couponInputFromForm({ ...form, title: '' })).toEqual({ error: '请填写优惠券名称' });
  expect(couponInputFromForm({ ...form, amount: 'x' })).toEqual({ error: expect.stringContaining('优惠金额') });
  expect(couponInputFromForm({ ...form, total: '1.5' })).toEqual({ error: expect.stringContaining('整数') });
  expect(couponInputFromForm({ ...form, to: '2027/01/03' })).toEqual({ error: expect.stringContaining('YYYY-MM-DD') });
});
