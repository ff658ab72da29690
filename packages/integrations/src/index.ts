export * from './payment/wechatpay';
