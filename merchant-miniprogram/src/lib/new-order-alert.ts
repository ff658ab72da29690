/**
 * The new-order alert. Paying an order writes one message per staff member of its store (notifications module,
 * `_openid` = theirs, `event: 'pay'`); the app watches the caller's own unread ones for the store in realtime (the
 * notifications rule lets each person read their own: `_openid: '{openid}'`). A message that was not there before
 * rings (weapp: sound and vibration; H5: sound once the merchant has switched the alert on, since browsers block
 * audio until a tap) and the unread count is the badge. A failed watch is opened again after a pause.
 */
import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { cloud } from '../services/cloud';
import newOrderSound from '../assets/new-order.wav';

const isH5 = process.env.TARO_ENV === 'h5';

/** What the watch reads of a message. */
export interface NewOrderAlert {
  _id: string;
  orderId: string;
  body: string;
}

/** The watch's filter: the caller's unread new-order messages of one store (a subset of what the rule allows). */
export const alertQuery = (storeId: string) => ({ _openid: '{openid}', audience: 'staff', event: 'pay', storeId, read: false });

/** How long a failed watch waits before it is opened again. */
export const REWATCH_MS = 15_000;

/**
 * Watches the store's unread new-order messages: `alerts` is what is unread now (the badge), `onArrive` hears of
 * each message that appeared after the first snapshot (those already unread when the page opened do not ring).
 * `watching` is false while the watch is down (the page keeps its slow refresh).
 */
export function useNewOrderAlerts(storeId: string | null, onArrive: (fresh: NewOrderAlert[]) => void) {
  const [alerts, setAlerts] = useState<NewOrderAlert[]>([]);
  const [watching, setWatching] = useState(false);
  const arrive = useRef(onArrive);
  arrive.current = onArrive;

  useEffect(() => {
    if (!storeId) return undefined;
    let known: Set<string> | null = null;
    let stop: (() => void) | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let closed = false;
    const open = () => {
      stop = cloud.watchQuery<NewOrderAlert>(
        'notifications',
        alertQuery(storeId),
        (docs) => {
          setWatching(true);
          setAlerts(docs);
          const fresh = known ? docs.filter((d) => !known!.has(d._id)) : [];
          known = new Set(docs.map((d) => d._id));
          if (fresh.length) arrive.current(fresh);
        },
        () => {
          setWatching(false);
          stop = null;
          if (!closed) retry = setTimeout(open, REWATCH_MS);
        },
      );
    };
    open();
    return () => {
      closed = true;
      if (retry) clearTimeout(retry);
      stop?.();
      setAlerts([]);
      setWatching(false);
    };
  }, [storeId]);

  return { alerts, watching };
}

/**
 * The alert's sound and vibration. In WeChat an InnerAudioContext plays the sound shipped in the package and the
 * phone vibrates. In a browser an <audio> element (id `new-order-audio`) plays it, but only after a tap on the page
 * unlocked it (`unlock`, behind the 开启提醒 switch): browsers refuse audio a page starts by itself.
 */
export function createRinger() {
  let enabled = !isH5;
  let audio: HTMLAudioElement | null = null;
  let inner: Taro.InnerAudioContext | null = null;

  const element = () => {
    if (!audio) {
      audio = document.createElement('audio');
      audio.id = 'new-order-audio';
      audio.src = newOrderSound;
      audio.preload = 'auto';
      audio.dataset.played = '0';
      document.body.appendChild(audio);
    }
    return audio;
  };

  return {
    get enabled() {
      return enabled;
    },
    /** H5: called from the switch's tap, so the browser lets this page play sound from now on. */
    async unlock(): Promise<boolean> {
      if (!isH5) return (enabled = true);
      const a = element();
      a.muted = true;
      try {
        await a.play();
        a.pause();
        a.currentTime = 0;
        enabled = true;
      } catch {
        enabled = false;
      } finally {
        a.muted = false;
      }
      return enabled;
    },
    disable() {
      enabled = false;
    },
    ring() {
      if (isH5) {
        if (!enabled) return;
        const a = element();
        a.currentTime = 0;
        // data-played counts the sounds the browser really started (what a test can see).
        a.play().then(
          () => {
            a.dataset.played = String(Number(a.dataset.played ?? '0') + 1);
          },
          () => undefined,
        );
        return;
      }
      inner ??= Taro.createInnerAudioContext();
      inner.src = newOrderSound;
      inner.stop();
      inner.play();
      Taro.vibrateLong().catch(() => undefined);
    },
    close() {
      inner?.destroy();
      inner = null;
      audio?.remove();
      audio = null;
    },
  };
}
export type Ringer = ReturnType<typeof createRinger>;

/** The page title with the unread count in front, as a browser tab shows it: (2) 订单. */
export const titleWithCount = (title: string, count: number) => (count > 0 ? `(${count}) ${title}` : title);
