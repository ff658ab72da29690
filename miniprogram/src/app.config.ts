export default defineAppConfig({
  pages: ['pages/index/index', 'pages/login/index', 'pages/store/index', 'pages/checkout/index', 'pages/pay/index', 'pages/order/index', 'pages/orders/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#fff',
    navigationBarTitleText: '到家',
    navigationBarTextStyle: 'black',
  },
  permission: { 'scope.userLocation': { desc: '用于为您查找附近的店铺' } },
  requiredPrivateInfos: ['getLocation'],
});
