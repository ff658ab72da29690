import Taro from '@tarojs/taro';

/** Where the seeded demo stores are (central Shanghai); used on the web when the browser gives no position. */
export const DEMO_LOCATION = { lng: 121.4737, lat: 31.2304 };

export interface Located {
  lng: number;
  lat: number;
  isDemo: boolean;
}

/** The user's position; on the web falls back to the demo location if it is denied or slow. */
export async function locate(timeoutMs = 1500): Promise<Located> {
  const real = Taro.getLocation({ type: 'gcj02' }).then((r) => ({ lng: r.longitude, lat: r.latitude, isDemo: false }));
  if (process.env.TARO_ENV === 'weapp') return real;
  const fallback = new Promise<Located>((resolve) => setTimeout(() => resolve({ ...DEMO_LOCATION, isDemo: true }), timeoutMs));
  return Promise.race([real.catch(() => ({ ...DEMO_LOCATION, isDemo: true })), fallback]);
}
