// @ts-check
/**
 * The Taro build config both mini-programs share; each app's config/index.ts calls `taroAppConfig` with what is its
 * own (name, dev server port). Plain CommonJS on purpose: Taro loads config/index.ts through a require hook that only
 * compiles files inside the app's own config/ folder, so a TypeScript file here would not load.
 */
const path = require('node:path');
const TsconfigPathsPlugin = require('tsconfig-paths-webpack-plugin');

// Workspace packages ship TypeScript source; Taro only runs babel on src/ and *taro* node_modules by default.
const workspacePackages = path.resolve(__dirname, '..');
const pageTemplate = path.join(__dirname, 'index.html');

/**
 * @param {{ appDir: string; projectName: string; title: string; devPort: number }} app
 * @returns {import('@tarojs/cli').UserConfigExport<'webpack5'>}
 */
function taroAppConfig({ appDir, projectName, title, devPort }) {
  /**
   * npm may keep the React framework plugin in the app's node_modules while @tarojs/taro-h5 (hoisted to the root)
   * imports its runtime; resolve it from there too so the hoisting layout does not matter.
   * @param {{ resolve: { modules: { add: (dir: string) => { add: (dir: string) => unknown } } } }} chain
   */
  const addAppModules = (chain) => {
    chain.resolve.modules.add('node_modules').add(path.join(appDir, 'node_modules'));
  };
  const cssModules = { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } };
  return {
    projectName,
    date: '2026-11-25',
    // NutUI is drawn at 375 wide; our own styles at 750. A function expression, not a method: Taro puts its source
    // text into the H5 entry as `designWidth: <text>`.
    designWidth: function (input) {
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
    ...(process.env.NODE_ENV === 'development' ? { logger: { quiet: false, stats: true } } : {}),
    mini: {
      compile: { include: [workspacePackages] },
      postcss: { pxtransform: { enable: true, config: {} }, cssModules },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
      },
    },
    h5: {
      // Relative, so the same build works under /app/<name>/ on the local cloud or at any other path.
      publicPath: './',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [workspacePackages] },
      devServer: { host: '127.0.0.1', port: devPort, open: false },
      // One page template for both apps (Taro still wants a src/index.html to exist before it builds any page).
      htmlPluginOption: { template: pageTemplate, title },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: { autoprefixer: { enable: true, config: {} }, cssModules },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
        addAppModules(chain);
      },
    },
  };
}

module.exports = { taroAppConfig };
