import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin';
import devConfig from './dev';
import prodConfig from './prod';

// Workspace packages ship TypeScript source; Taro only runs babel on src/ and *taro* node_modules by default.
const workspacePackages = path.resolve(__dirname, '../../packages');

// npm may keep the React framework plugin in this app's node_modules while @tarojs/taro-h5 (hoisted to the root)
// imports its runtime; resolve it from here so the hoisting layout does not matter.
function addAppModules(chain: { resolve: { modules: { add: (dir: string) => { add: (dir: string) => unknown } } } }) {
  chain.resolve.modules.add('node_modules').add(path.resolve(__dirname, '../node_modules'));
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'daojia-merchant',
    date: '2026-11-25',
    // NutUI is drawn at 375 wide; our own styles at 750.
    designWidth(input) {
      if (typeof input === 'object' && input?.file?.replace(/\\+/g, '/').includes('@nutui')) return 375;
      return 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: ['@tarojs/plugin-html'],
    defineConstants: {},
    // Build-time production switch: TARO_APP_CLOUD_ENV=<CloudBase env id> (shell or a .env file) points the build at
    // that environment; unset, the H5 build uses the local cloud at the page's origin. Becomes process.env.* in code.
    env: { TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? '') },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    // Persistent webpack cache (node_modules/.cache, keyed by NODE_ENV-TARO_ENV and invalidated by config changes).
    cache: { enable: true },
    mini: {
      compile: { include: [workspacePackages] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
      },
    },
    h5: {
      // Relative, so the same build works under /app/merchant/ on the local cloud or at any other path.
      publicPath: './',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [workspacePackages] },
      devServer: { host: '127.0.0.1', port: 10087, open: false },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
        addAppModules(chain);
      },
    },
  };
  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? devConfig : prodConfig);
});
