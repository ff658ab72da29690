export default defineAppConfig({
  pages: ['pages/orders/index', 'pages/login/index', 'pages/verify/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#fff',
    navigationBarTitleText: '到家商家版',
    navigationBarTextStyle: 'black',
  },
});
