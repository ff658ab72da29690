import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell, Input } from '@nutui/nutui-react-taro';
import { APPLICATION_STATUS_TEXT, CATEGORIES, CATEGORY_LABELS, DEMO_DISTRICTS, formatShanghai, regionOf, type ApplicationView, type Category } from '@daojia/domain';
import { CloudImage, PageToast, chooseAndUploadImage, isWeapp, showError, showInfo, useBusy } from '@daojia/app-kit';
import { api, ensureSignedIn, WORKBENCH_PAGE } from '../../services/cloud';

/** 人民广场: where the point starts when the address names no district we know. */
const DEFAULT_POINT = { lng: 121.4737, lat: 31.2304 };

/** The point to start from for an address: its district's centre when it names one, else the default. */
const pointFor = (address: string) => DEMO_DISTRICTS.find((d) => address.includes(d.name))?.center ?? DEFAULT_POINT;

/**
 * Apply to open a store: name, category, address with a map point (WeChat: pick it on the map; H5: longitude and
 * latitude, prefilled from the address's district), licence photo, contact. The platform reviews it; the workbench
 * shows the result (and a rejection's reason, after which one applies again).
 */
export default function Apply() {
  const [name, setName] = useState('');
  const [category, setCategory] = useState<Category>('catering');
  const [address, setAddress] = useState('');
  const [lng, setLng] = useState(String(DEFAULT_POINT.lng));
  const [lat, setLat] = useState(String(DEFAULT_POINT.lat));
  const [pointTouched, setPointTouched] = useState(false);
  const [licence, setLicence] = useState<string | null>(null);
  const [contactName, setContactName] = useState('');
  const [contactPhone, setContactPhone] = useState('');
  const [applications, setApplications] = useState<ApplicationView[]>([]);
  const [busy, run] = useBusy();

  useDidShow(() => {
    ensureSignedIn()
      .then(async (ok) => {
        if (ok) setApplications((await api.merchantAccount.myApplications()).applications);
      })
      .catch(showError);
  });

  const point = { lng: Number(lng), lat: Number(lat) };
  const region = Number.isFinite(point.lng) && Number.isFinite(point.lat) ? regionOf(point) : undefined;
  const open = applications.find((a) => a.status === 'pending' || a.status === 'approving');

  function onAddress(v: string) {
    setAddress(v);
    if (!pointTouched) {
      const p = pointFor(v);
      setLng(String(p.lng));
      setLat(String(p.lat));
    }
  }

  const pickOnMap = () =>
    run(async () => {
      const r = await Taro.chooseLocation({ latitude: point.lat, longitude: point.lng });
      setLng(String(r.longitude));
      setLat(String(r.latitude));
      setPointTouched(true);
      if (!address.trim()) setAddress(`${r.address}${r.name}`);
    });

  const upload = () =>
    run(async () => {
      const id = await chooseAndUploadImage({ folder: 'licence' });
      if (id) setLicence(id);
    });

  const submit = () =>
    run(async () => {
      if (!licence) throw new Error('请上传营业执照照片');
      await api.merchantAccount.apply({
        name: name.trim(),
        category,
        address: address.trim(),
        location: point,
        licenceFileId: licence,
        contactName: contactName.trim(),
        contactPhone: contactPhone.trim(),
      });
      showInfo('申请已提交，请等待平台审核');
      await Taro.reLaunch({ url: WORKBENCH_PAGE });
    });

  const ready = name.trim().length >= 2 && address.trim().length >= 5 && !!region && !!licence && contactName.trim() && /^1[3-9]\d{9}$/.test(contactPhone.trim());

  return (
    <View className="page" id="page-apply">
      {applications.length > 0 && (
        <View className="section" id="apply-history">
          <Text className="title">我的申请</Text>
          {applications.map((a) => (
            <View key={a._id} id={`application-${a._id}`}>
              <Cell title={`${a.name} · ${APPLICATION_STATUS_TEXT[a.status]}`} description={a.status === 'rejected' && a.reason ? `原因：${a.reason}` : `提交于 ${formatShanghai(a.createdAt)}`} />
            </View>
          ))}
        </View>
      )}
      {open ? (
        <View className="section notice" id="apply-open">
          你的申请「{open.name}」正在审核中，审核结果出来前不能再提交新的申请。
        </View>
      ) : (
        <View className="section" id="apply-form">
          <Text className="title">门店信息</Text>
          <Input id="apply-name" placeholder="店铺名称" value={name} onChange={setName} maxLength={40} />
          <View className="chips" id="apply-category">
            {CATEGORIES.map((c) => (
              <Button key={c} size="small" id={`apply-category-${c}`} type={c === category ? 'primary' : 'default'} onClick={() => setCategory(c)}>
                {CATEGORY_LABELS[c]}
              </Button>
            ))}
          </View>
          <Input id="apply-address" placeholder="详细地址，如 静安区南京西路100号" value={address} onChange={onAddress} maxLength={100} />
          {isWeapp ? (
            <Button id="apply-pick-location" onClick={pickOnMap}>
              在地图上选择位置
            </Button>
          ) : (
            <View className="row" style={{ gap: '8px' }}>
              <Input
                id="apply-lng"
                placeholder="经度"
                value={lng}
                onChange={(v) => {
                  setLng(v);
                  setPointTouched(true);
                }}
                type="digit"
              />
              <Input
                id="apply-lat"
                placeholder="纬度"
                value={lat}
                onChange={(v) => {
                  setLat(v);
                  setPointTouched(true);
                }}
                type="digit"
              />
            </View>
          )}
          <View className={region ? 'muted' : 'notice'} id="apply-region">
            {region ? `所属区域：${region}` : '该位置不在已开通的服务区域内（黄浦区、静安区、徐汇区、长宁区）'}
          </View>
          <Text className="title">营业执照</Text>
          <View className="row" style={{ gap: '12px' }}>
            <CloudImage src={licence} className="licence-photo" style={{ width: '96px', height: '72px' }} placeholder={<Text className="muted">未上传</Text>} />
            <Button size="small" id="apply-licence" onClick={upload} disabled={busy}>
              {licence ? '重新上传' : '上传照片'}
            </Button>
          </View>
          <Text className="title">联系人</Text>
          <Input id="apply-contact" placeholder="联系人姓名" value={contactName} onChange={setContactName} maxLength={20} />
          <Input id="apply-phone" placeholder="手机号" value={contactPhone} onChange={setContactPhone} maxLength={11} type="number" />
          <Button block type="primary" id="apply-submit" loading={busy} disabled={!ready || busy} onClick={submit}>
            提交申请
          </Button>
        </View>
      )}
      <PageToast />
    </View>
  );
}
