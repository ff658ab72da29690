export * from './payment/wechatpay';
export * from './sms';
export * from './delivery';
