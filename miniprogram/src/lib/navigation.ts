import Taro from '@tarojs/taro';

/** Back to the previous page, or to `url` when this page was opened directly (an H5 link, a share). */
export function backOr(url: string): Promise<unknown> {
  return Taro.getCurrentPages().length > 1 ? Taro.navigateBack() : Taro.redirectTo({ url });
}
