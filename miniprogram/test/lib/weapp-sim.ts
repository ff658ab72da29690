/**
 * Renders a real Taro `dist/weapp` build with miniprogram-simulate (WeChat's own wcc/wcsc template compilers on
 * jsdom). miniprogram-simulate only knows custom components, so this bridges the rest of the mini-program
 * runtime the build calls: App/getApp, Page (as a Component) and getCurrentPages.
 * Load in a jest file with `@jest-environment jsdom`.
 */
import path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import simulate from 'miniprogram-simulate';

type Obj = Record<string, any>;

interface PageInstance extends Obj {
  route: string;
}

const g = globalThis as Obj;
let app: Obj | null = null;
let pageStack: PageInstance[] = [];
let nextPage: { route: string; query: Obj } | null = null;

/** Turns a Page definition into a Component definition whose lifetimes drive the page lifecycle. */
function pageAsComponent(def: Obj): Obj {
  const methods: Obj = {};
  const fields: Obj = {};
  for (const [k, v] of Object.entries(def)) {
    if (k === 'data') continue;
    if (typeof v === 'function') methods[k] = v;
    else fields[k] = v;
  }
  const { route, query } = nextPage!;
  return {
    data: def.data ?? {},
    methods,
    lifetimes: {
      attached(this: PageInstance) {
        Object.assign(this, fields, { route, __route__: route, options: query });
        pageStack.push(this);
        this.onLoad?.(query);
        this.onShow?.();
      },
      ready(this: PageInstance) {
        this.onReady?.();
      },
      detached(this: PageInstance) {
        this.onUnload?.();
        pageStack = pageStack.filter((p) => p !== this);
      },
    },
  };
}

/**
 * wx.createSelectorQuery for a page with no layout: every node measures 0×0 (NutUI's tabs measure their titles).
 */
function createSelectorQuery() {
  const results: unknown[] = [];
  const query: Obj = {
    in: () => query,
    select: () => node(false),
    selectAll: () => node(true),
    selectViewport: () => node(false),
    exec: (cb?: (r: unknown[]) => void) => {
      setTimeout(() => cb?.(results), 0);
    },
  };
  const rect = { id: '', dataset: {}, left: 0, right: 0, top: 0, bottom: 0, width: 0, height: 0 };
  function node(all: boolean): Obj {
    const answer = (value: unknown) => (cb?: (r: unknown) => void) => {
      results.push(all ? [] : value);
      if (cb) setTimeout(() => cb(all ? [] : value), 0);
      return query;
    };
    return {
      boundingClientRect: answer(rect),
      scrollOffset: answer({ scrollLeft: 0, scrollTop: 0, scrollWidth: 0, scrollHeight: 0 }),
      fields: answer(rect),
      node: answer(null),
      context: answer(null),
    };
  }
  return query;
}

/** wx.cloud speaking the WeChat protocol: callFunction routes `{ action, data }` events to `handlers['fn.action']`. */
export function fakeWxCloud(handlers: Record<string, (data: any) => unknown>) {
  const calls: { name: string; action: string; data: unknown }[] = [];
  const watcher = { close: async () => {} };
  const query: Obj = {
    doc: () => query,
    where: () => query,
    orderBy: () => query,
    limit: () => query,
    skip: () => query,
    watch: () => watcher,
    get: async () => ({ data: [] }),
  };
  return {
    calls,
    cloud: {
      init: () => {},
      callFunction: async ({ name, data }: { name: string; data: { action: string; data: unknown } }) => {
        calls.push({ name, action: data.action, data: data.data });
        const handler = handlers[`${name}.${data.action}`];
        const result = handler ? { ok: true, data: handler(data.data) } : { ok: false, code: 'NOT_FOUND', message: `未知的操作 ${name}.${data.action}` };
        return { result, requestID: String(calls.length), errMsg: 'cloud.callFunction:ok' };
      },
      database: () => ({ collection: () => query, command: {}, serverDate: () => new Date() }),
    },
  };
}

/** Boots the app bundle once: runtime, vendors and App(). `wxOverrides` replace wx.* APIs the pages call. */
export function bootApp(distDir: string, wxOverrides: Obj = {}): void {
  Object.assign(g.wx, { createSelectorQuery }, wxOverrides);
  g.App = (def: Obj) => {
    app = def;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => pageStack;
  g.Page = (def: Obj) => g.Component(pageAsComponent(def));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- runs the build's own CommonJS entry
  require(path.join(distDir, 'app.js'));
  if (!app) throw new Error('app.js did not call App()');
  app.onLaunch?.({ path: 'pages/index/index', query: {}, scene: 1001 });
  app.onShow?.({ path: 'pages/index/index', query: {}, scene: 1001 });
}

const opened = new Set<string>();

/**
 * Loads and attaches one page; returns the simulate wrapper (query it through `.dom`). Each route can be opened
 * once per boot: webpack runs a page chunk only the first time it is loaded.
 */
const rendered: HTMLElement[] = [];

export function openPage(distDir: string, route: string, query: Obj = {}) {
  if (opened.has(route)) throw new Error(`${route} was already opened in this test file`);
  opened.add(route);
  nextPage = { route, query };
  const id = simulate.load(path.join(distDir, route), { rootPath: distDir });
  const page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));
  nextPage = null;
  if (!page.dom) throw new Error(`${route} rendered nothing`);
  rendered.push(page.dom);
  return page as typeof page & { dom: HTMLElement };
}

/**
 * Lets queued setData calls, timers and promises run: waits `ms`, then until every open page has stopped changing
 * for 150 ms (at most 5 s), so a machine busy with other test workers does not cut a render short.
 */
export async function settle(ms = 50): Promise<void> {
  await simulate.sleep(ms);
  const snapshot = () => rendered.map((d) => d.innerHTML).join('\u0000');
  const deadline = Date.now() + 5000;
  let last = snapshot();
  let stableSince = Date.now();
  while (Date.now() - stableSince < 150 && Date.now() < deadline) {
    await simulate.sleep(25);
    const now = snapshot();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    }
  }
}

/** Waits (at most 10 s) until `text` shows somewhere in `root`: for a page's first render, which starts with calls. */
export async function untilText(root: Element, text: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(root.textContent ?? '').includes(text)) {
    if (Date.now() > deadline) throw new Error(`"${text}" never showed in:\n${root.textContent}`);
    await simulate.sleep(25);
  }
  await settle(0);
}

/** The deepest element whose own text is exactly `text`. */
export function byText(root: Element, text: string): Element {
  const all = [...root.querySelectorAll('*')].filter((el) => el.textContent?.trim() === text);
  const found = all.find((el) => ![...el.children].some((c) => c.textContent?.trim() === text));
  if (!found) throw new Error(`no element with text "${text}" in:\n${root.textContent}`);
  return found;
}

/** A tap the way WeChat delivers it: an exparser `tap` event bubbling from the element. */
export function tap(el: Element): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exparser = require('miniprogram-exparser');
  const original = new CustomEvent('tap', { bubbles: true });
  el.dispatchEvent(original);
  exparser.Event.dispatchEvent(
    (el as Obj).__wxElement,
    exparser.Event.create(
      'tap',
      {},
      {
        originalEvent: original,
        bubbles: true,
        capturePhase: true,
        composed: true,
        extraFields: { touches: {}, changedTouches: {} },
      },
    ),
  );
}

/**
 * Scripts of a weapp build that carry @cloudbase/js-sdk, which belongs to the web client only: its endpoint
 * registration and realtime sign-in action appear nowhere else.
 */
const WEB_SDK_MARKERS = ['registerEndPointWithKey', 'wsWebSign'];

export function webSdkFilesIn(dist: string): string[] {
  // The markers must still be in js-sdk itself, or finding none in the build would prove nothing.
  // Node's resolver by name: in the mini-program's types `require` is the weapp one, which has no `resolve`.
  const sdk = readFileSync(createRequire(__filename).resolve('@cloudbase/js-sdk'), 'utf8');
  const missing = WEB_SDK_MARKERS.filter((m) => !sdk.includes(m));
  if (missing.length) throw new Error(`@cloudbase/js-sdk no longer contains ${missing.join(', ')}: pick new markers`);
  const scripts = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
  if (scripts.length < 5) throw new Error(`${dist} does not look like a weapp build`);
  return scripts.filter((f) => WEB_SDK_MARKERS.some((m) => readFileSync(path.join(dist, f), 'utf8').includes(m)));
}
