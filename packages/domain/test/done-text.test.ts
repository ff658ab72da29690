import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { MODE_LABELS, ORDER_STATUS_LABELS, TRANSITIONS, doneText } from '../src';

/**
 * The `已已送达` class of text bugs: a toast built as `已${label}` from a label that already starts with 已. Every
 * button label (the state machine's moves) through every toast template the apps use must read without a doubled
 * word, and no app may build such a toast by hand.
 */
const ROOT = path.resolve(__dirname, '../../..');
const APPS = ['miniprogram/src', 'merchant-miniprogram/src', 'admin-web/src', 'packages/app-kit/src'];

/** A run of one to four Chinese characters written twice in a row (已已, 退款退款): what a label through a template must never read. */
const doubled = (text: string) => /([\u4e00-\u9fff]{1,4})\1/.exec(text)?.[0];

/**
 * In free text Chinese doubles words on purpose (谢谢, 说说, 执照照片), so the apps' literals are checked for doubles
 * that are always mistakes: function words written twice, or a label of the tables written twice.
 */
const labels = () => [...new Set([...TRANSITIONS.map((t) => t.label), ...Object.values(ORDER_STATUS_LABELS), ...Object.values(MODE_LABELS)])];
const mistaken = (text: string) => /(已|的|了|请|您|在|和|将|被|把|不)\1/.exec(text)?.[0] ?? labels().find((l) => text.includes(l + l));

/** The toast templates the apps build from a label. */
const TEMPLATES: Record<string, (label: string) => string> = { doneText };

test('every move label × every toast template reads without a doubled word', () => {
  expect(labels()).toContain('已送达');
  const bad = labels()
    .flatMap((label) => Object.entries(TEMPLATES).map(([name, t]) => ({ label, name, text: t(label), doubled: doubled(t(label)) })))
    .filter((x) => x.doubled);
  expect(bad).toEqual([]);
});

test('doneText prefixes 已 once', () => {
  expect(doneText('已送达')).toBe('已送达');
  expect(doneText('接单')).toBe('已接单');
  expect(doneText('同意退款')).toBe('已同意退款');
});

test('the doubled-word checks see one, and let Chinese reduplication be', () => {
  expect(doubled('已已送达')).toBe('已已');
  expect(doubled('退款退款成功')).toBe('退款退款');
  expect(doubled('已送达')).toBeUndefined();
  expect(mistaken('已已送达')).toBe('已已');
  expect(mistaken('申请退款申请退款')).toBe('申请退款');
  expect(mistaken('谢谢惠顾，说说你的体验，上传营业执照照片')).toBeUndefined();
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(full).isDirectory() ? sources(full) : /\.(tsx?|vue)$/.test(name) ? [full] : [];
  });
}

test('no app builds a toast as 已 + a label by hand, and no text in the apps doubles a word by mistake', () => {
  const files = APPS.flatMap((d) => sources(path.join(ROOT, d)));
  expect(files.length).toBeGreaterThan(10);
  const found = files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const rel = path.relative(ROOT, file);
    const byHand = [...text.matchAll(/`已\$\{|'已'\s*\+|"已"\s*\+/g)].map((m) => `${rel}: ${m[0]}`);
    // Quoted literals and JSX text (between > and <).
    const literal = [...text.matchAll(/['"`]([^'"`\n]*)['"`]|>([^<>{}\n]+)</g)]
      .map((m) => mistaken(m[1] ?? m[2]))
      .filter((d): d is string => Boolean(d))
      .map((d) => `${rel}: ${d}`);
    return [...byHand, ...literal];
  });
  expect(found).toEqual([]);
});
