import { createHash } from 'node:crypto';
import { dadaCallbackSignature, dadaSignature } from '../../src';

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

test('request signature: secret + key/value pairs in key order + secret, MD5, upper case', () => {
  const params = { v: '1.0', timestamp: '1700000000', source_id: '73753', format: 'json', body: '{"order_id":"DJ1","note":"少辣"}', app_key: 'dadaKEY' };
  // Spelled out in the documented order, independent of the implementation's sort.
  const expected = md5('SECRETapp_keydadaKEYbody{"order_id":"DJ1","note":"少辣"}formatjsonsource_id73753timestamp1700000000v1.0SECRET').toUpperCase();
  expect(dadaSignature(params, 'SECRET')).toBe(expected);
  expect(dadaSignature({ ...params, signature: 'ignored' }, 'SECRET')).toBe(expected);
  expect(dadaSignature({ ...params, body: '{"order_id":"DJ2"}' }, 'SECRET')).not.toBe(expected);
});

test('callback signature: MD5 of the three values sorted as strings, no secret', () => {
  const c = { client_id: '280981987', order_id: 'DJ2024', update_time: 1700000123 };
  expect(dadaCallbackSignature(c)).toBe(md5(['1700000123', '280981987', 'DJ2024'].join('')));
  expect(dadaCallbackSignature({ ...c, update_time: 1700000124 })).not.toBe(dadaCallbackSignature(c));
});
