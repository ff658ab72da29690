import path from 'node:path';
import { defineConfig } from '@tarojs/cli';
import { taroAppConfig } from '@daojia/app-kit/config';

// Both Taro apps build alike (@daojia/app-kit/config); this app gives its name, page title and dev server port.
export default defineConfig<'webpack5'>(() => taroAppConfig({ appDir: path.resolve(__dirname, '..'), projectName: 'daojia-consumer', title: '到家', devPort: 10086 }));
