import { parseTc3Authorization, tc3CanonicalRequest, tc3Sign, tc3StringToSign } from '../../src';

/**
 * The worked example of Tencent Cloud's "Signature v3" API document (CVM DescribeInstances in ap-guangzhou,
 * X-TC-Timestamp 1551113065, SecretKey Gu5t9xGARNpq86cd98joQYCN3EXAMPLE): the document publishes the payload hash,
 * the canonical request, its hash and the final signature, so each step is checked against the published value.
 */
const DOC = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  service: 'cvm',
  timestamp: 1551113065,
  payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
  headers: { 'content-type': 'application/json; charset=utf-8', host: 'cvm.tencentcloudapi.com' },
  hashedPayload: '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
  hashedCanonicalRequest: '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
  signature: '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
};

test('the canonical request is the published one, byte for byte', () => {
  const { canonicalRequest, signedHeaders } = tc3CanonicalRequest(DOC);
  expect(signedHeaders).toBe('content-type;host');
  expect(canonicalRequest).toBe(`POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n${DOC.hashedPayload}`);
});

test('string to sign, signature and Authorization match the published example', () => {
  const signed = tc3Sign(DOC);
  expect(signed.stringToSign).toBe(`TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n${DOC.hashedCanonicalRequest}`);
  expect(signed.signature).toBe(DOC.signature);
  expect(signed.authorization).toBe(`TC3-HMAC-SHA256 Credential=${DOC.secretId}/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=${DOC.signature}`);
});

test('header names and values are lower-cased, trimmed and sorted before signing', () => {
  const shuffled = tc3Sign({ ...DOC, headers: { Host: ' CVM.tencentcloudapi.com ', 'Content-Type': 'Application/JSON; charset=utf-8' } });
  expect(shuffled.signature).toBe(DOC.signature);
  expect(tc3Sign({ ...DOC, payload: `${DOC.payload} ` }).signature).not.toBe(DOC.signature);
});

test('the credential scope uses the UTC date: 00:44 on the 26th in Beijing is still the 25th', () => {
  expect(tc3StringToSign('x', 1551113065, 'sms').split('\n')[2]).toBe('2019-02-25/sms/tc3_request');
});

test('an Authorization header parses back into its parts; other schemes do not', () => {
  const { authorization } = tc3Sign({ ...DOC, headers: { ...DOC.headers, 'x-tc-action': 'DescribeInstances' } });
  expect(parseTc3Authorization(authorization)).toEqual({
    secretId: DOC.secretId,
    date: '2019-02-25',
    service: 'cvm',
    signedHeaders: ['content-type', 'host', 'x-tc-action'],
    signature: expect.stringMatching(/^[0-9a-f]{64}$/),
  });
  expect(parseTc3Authorization('WECHATPAY2-SHA256-RSA2048 mchid="1"')).toBeUndefined();
  expect(parseTc3Authorization(undefined)).toBeUndefined();
});
