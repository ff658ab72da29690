import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Checkbox, Input, Switch, TextArea } from '@nutui/nutui-react-taro';
import { MODE_SHORT_LABELS, type ApiOutput } from '@daojia/domain';
import { CloudImage, PageToast, chooseAndUploadImage, showError, showInfo, useBusy } from '@daojia/app-kit';
import { errorMessage } from '@daojia/cloud-client';
import { api, ensureSignedIn } from '../../services/cloud';
import { MODES, SLOT_LENGTHS, WEEKDAYS, formFromSettings, patchFromForm, type SettingsForm } from '../../lib/settings';
import './index.scss';

type View_ = ApiOutput<'merchantStore', 'settings'>;
const MAX_PHOTOS = 9;

/**
 * The store's settings: the open/closed switch, hours per weekday (breaks are the gaps between ranges), dated
 * exceptions (holidays), delivery radius and fee tiers, minimum order, packaging fee, modes, booking slot length and
 * capacity, announcement, phone, logo and photos. The owner edits and saves (only what changed is sent); a clerk sees
 * the same page read only (the reply's `allowed` says what the caller may do).
 */
export default function Settings() {
  const [data, setData] = useState<View_ | null>(null);
  const [form, setForm] = useState<SettingsForm | null>(null);
  // What is wrong with the form, shown beside the save button until the next save (the form is long; a toast passes).
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, run] = useBusy();

  const take = (v: View_) => {
    setData(v);
    setForm(formFromSettings(v.settings));
  };
  useDidShow(() => {
    ensureSignedIn()
      .then((ok) => (ok ? api.merchantStore.settings().then(take) : undefined))
      .catch(showError);
  });

  if (!data || !form) {
    return (
      <View className="page" id="page-settings">
        <View className="muted">加载中…</View>
        <PageToast />
      </View>
    );
  }
  const canEdit = data.allowed.includes('update');
  const canSwitch = data.allowed.includes('setOpen');
  const set = (patch: Partial<SettingsForm>) => setForm((f) => (f ? { ...f, ...patch } : f));
  const setAt = <K extends 'hours' | 'exceptions' | 'tiers'>(key: K, i: number, value: SettingsForm[K][number]) =>
    set({ [key]: form[key].map((x, j) => (j === i ? value : x)) } as Partial<SettingsForm>);

  const save = () =>
    run(async () => {
      const r = patchFromForm(form, data.settings);
      setFormError('error' in r ? r.error : null);
      if ('error' in r) return showError(new Error(r.error));
      try {
        take(await api.merchantStore.update(r.patch));
      } catch (e) {
        setFormError(errorMessage(e));
        throw e;
      }
      showInfo('设置已保存，顾客端即时生效');
    });
  const toggleOpen = (open: boolean) =>
    run(async () => {
      take(await api.merchantStore.setOpen({ open }));
      showInfo(open ? '已开店营业' : '已打烊，顾客暂时不能下单');
    });
  const upload = (to: 'logo' | 'photos') =>
    run(async () => {
      const fileId = await chooseAndUploadImage({ folder: to === 'logo' ? 'logo' : 'photos' });
      if (!fileId) return;
      if (to === 'logo') set({ logo: fileId });
      else set({ photos: [...form.photos, fileId] });
    });

  const text = (id: string, label: string, value: string, onChange: (v: string) => void, placeholder = '', type: 'text' | 'digit' | 'number' = 'text') => (
    <View className="field">
      <Text className="field-label">{label}</Text>
      <Input id={id} type={type} value={value} placeholder={placeholder} disabled={!canEdit} onChange={onChange} />
    </View>
  );

  return (
    <View className="page" id="page-settings">
      <View className="section row" id="open-switch-section">
        <View>
          <Text className="title">{data.name}</Text>
          <View className={data.isOpenNow ? 'state state--open' : 'state'} id="open-state">
            {data.status === 'open' ? (data.isOpenNow ? '营业中' : data.closedText) : data.status === 'closed' ? '已打烊（顾客不能下单）' : data.closedText}
          </View>
        </View>
        <Switch id="open-switch" checked={data.status === 'open'} disabled={busy || !canSwitch || (data.status !== 'open' && data.status !== 'closed')} onChange={(on) => void toggleOpen(on)} />
      </View>
      {!canEdit && (
        <View className="section muted" id="read-only-note">
          店员只能查看店铺设置，修改请联系店长
        </View>
      )}

      <View className="section" id="hours-section">
        <Text className="title">营业时间</Text>
        <View className="muted">每天可填多个时段，用逗号分开，时段之间即为休息，如 10:00-14:00，17:00-22:00；跨夜写 18:00-02:00；留空为全天休息。</View>
        {WEEKDAYS.map(({ day, label }) => text(`hours-${day}`, label, form.hours[day], (v) => setAt('hours', day, v), '休息'))}
        {canEdit && (
          <Button size="small" id="hours-copy-monday" onClick={() => set({ hours: form.hours.map(() => form.hours[1]) })}>
            周一的时间用于每天
          </Button>
        )}
      </View>

      <View className="section" id="exceptions-section">
        <Text className="title">特殊日期（节假日）</Text>
        <View className="muted">这一天按这里的时段营业，时段留空为全天休息；已过去的日期保存时自动移除。</View>
        {form.exceptions.map((e, i) => (
          <View className="exception" key={i} id={`exception-${i}`}>
            {text(`exception-${i}-date`, '日期', e.date, (v) => setAt('exceptions', i, { ...e, date: v }), 'YYYY-MM-DD')}
            {text(`exception-${i}-ranges`, '时段', e.ranges, (v) => setAt('exceptions', i, { ...e, ranges: v }), '留空为全天休息')}
            {text(`exception-${i}-note`, '说明', e.note, (v) => setAt('exceptions', i, { ...e, note: v }), '如：春节休息')}
            {canEdit && (
              <Button size="small" id={`exception-${i}-remove`} onClick={() => set({ exceptions: form.exceptions.filter((_, j) => j !== i) })}>
                删除
              </Button>
            )}
          </View>
        ))}
        {canEdit && (
          <Button size="small" id="exception-add" onClick={() => set({ exceptions: [...form.exceptions, { date: '', ranges: '', note: '' }] })}>
            添加特殊日期
          </Button>
        )}
      </View>

      <View className="section" id="modes-section">
        <Text className="title">下单方式</Text>
        <View className="row-wrap">
          {MODES.map((m) => (
            <Checkbox
              key={m}
              id={`mode-${m}`}
              label={MODE_SHORT_LABELS[m]}
              checked={form.modes.includes(m)}
              disabled={!canEdit}
              onChange={(on) => set({ modes: on ? [...form.modes, m] : form.modes.filter((x) => x !== m) })}
            />
          ))}
        </View>
      </View>

      <View className="section" id="delivery-section">
        <Text className="title">外卖配送</Text>
        {text('max-delivery', '配送范围（米）', form.maxDeliveryM, (v) => set({ maxDeliveryM: v }), '如 5000', 'number')}
        <View className="muted">配送费按距离分档，从近到远，最远一档需覆盖整个配送范围。</View>
        {form.tiers.map((t, i) => (
          <View className="tier" key={i} id={`tier-${i}`}>
            <Text>≤</Text>
            <Input id={`tier-${i}-distance`} type="number" value={t.upToM} placeholder="距离（米）" disabled={!canEdit} onChange={(v) => setAt('tiers', i, { ...t, upToM: v })} />
            <Text>米</Text>
            <Input id={`tier-${i}-fee`} type="digit" value={t.fee} placeholder="配送费（元）" disabled={!canEdit} onChange={(v) => setAt('tiers', i, { ...t, fee: v })} />
            <Text>元</Text>
            {canEdit && (
              <Text className="link" id={`tier-${i}-remove`} onClick={() => set({ tiers: form.tiers.filter((_, j) => j !== i) })}>
                删除
              </Text>
            )}
          </View>
        ))}
        {canEdit && (
          <Button size="small" id="tier-add" onClick={() => set({ tiers: [...form.tiers, { upToM: '', fee: '' }] })}>
            添加一档
          </Button>
        )}
        {text('min-order', '起送价（元）', form.minOrder, (v) => set({ minOrder: v }), '0', 'digit')}
        {text('packaging-fee', '打包费（元/单）', form.packaging, (v) => set({ packaging: v }), '0', 'digit')}
      </View>

      <View className="section" id="booking-section">
        <Text className="title">预约</Text>
        <View className="field-label">每个时段时长</View>
        <View className="row-wrap">
          {SLOT_LENGTHS.map((n) => (
            <Text key={n} id={`slot-${n}`} className={form.bookingSlotMin === n ? 'chip chip--on' : 'chip'} onClick={() => canEdit && set({ bookingSlotMin: n })}>
              {n} 分钟
            </Text>
          ))}
        </View>
        {text('booking-capacity', '每个时段可约人数', form.bookingCapacity, (v) => set({ bookingCapacity: v }), '2', 'number')}
      </View>

      <View className="section" id="profile-section">
        <Text className="title">店铺信息</Text>
        {text('phone', '联系电话', form.phone, (v) => set({ phone: v }), '手机或座机')}
        <View className="field-label">店铺公告</View>
        <TextArea id="announcement" value={form.announcement} maxLength={200} showCount disabled={!canEdit} placeholder="顾客进店时看到的公告" onChange={(v) => set({ announcement: v })} />
        <View className="field-label">店铺 Logo</View>
        <View className="photos">
          <View className="photo" id="logo">
            <CloudImage src={form.logo} className="photo-image" />
          </View>
          {canEdit && (
            <View className="photo photo-add" id="logo-upload" onClick={() => void upload('logo')}>
              更换
            </View>
          )}
        </View>
        <View className="field-label">店铺照片（最多 {MAX_PHOTOS} 张）</View>
        <View className="photos" id="store-photos">
          {form.photos.map((p, i) => (
            <View className="photo" key={p} id={`store-photo-${i}`}>
              <CloudImage src={p} className="photo-image" />
              {canEdit && (
                <Text className="photo-remove" id={`store-photo-remove-${i}`} onClick={() => set({ photos: form.photos.filter((x) => x !== p) })}>
                  ×
                </Text>
              )}
            </View>
          ))}
          {canEdit && form.photos.length < MAX_PHOTOS && (
            <View className="photo photo-add" id="store-photo-add" onClick={() => void upload('photos')}>
              + 照片
            </View>
          )}
        </View>
      </View>

      {canEdit && (
        <View className="section">
          {formError && (
            <View className="form-error" id="settings-error">
              {formError}
            </View>
          )}
          <Button type="primary" block id="settings-save" loading={busy} disabled={busy} onClick={save}>
            保存设置
          </Button>
        </View>
      )}
      <PageToast />
    </View>
  );
}
