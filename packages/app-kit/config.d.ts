import type { UserConfigExport } from '@tarojs/cli';

/** The Taro build config both mini-programs share, given what is each app's own. */
export function taroAppConfig(app: { appDir: string; projectName: string; title: string; devPort: number }): UserConfigExport<'webpack5'>;
