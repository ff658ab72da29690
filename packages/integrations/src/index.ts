export * from './payment/wechatpay';
export * from './sms';
