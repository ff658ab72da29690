import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { ROLE_TEXT, formatShanghai, type InviteView, type StaffMember } from '@daojia/domain';
import { PageToast, showError, showInfo, useBusy } from '@daojia/app-kit';
import { api, ensureSignedIn } from '../../services/cloud';

/** The owner's team page: who works here, invite codes still open (with expiry), invite a clerk, remove a clerk. */
export default function Staff() {
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [invites, setInvites] = useState<InviteView[]>([]);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, run] = useBusy();

  const load = async () => {
    const r = await api.merchantAccount.listStaff();
    setStaff(r.staff);
    setInvites(r.invites);
  };
  useDidShow(() => {
    ensureSignedIn()
      .then((ok) => (ok ? load() : undefined))
      .catch(showError);
  });

  const invite = () =>
    run(async () => {
      const { invite: created } = await api.merchantAccount.createInvite();
      setInvites((list) => [created, ...list]);
      showInfo('邀请码已生成');
    });

  const remove = (id: string) =>
    run(async () => {
      await api.merchantAccount.removeStaff({ staffId: id });
      setConfirming(null);
      showInfo('已移除');
      await load();
    });

  return (
    <View className="page" id="page-staff">
      <View className="section row">
        <Text className="title">门店员工</Text>
        <Button size="small" type="primary" id="staff-invite" loading={busy} disabled={busy} onClick={invite}>
          邀请店员
        </Button>
      </View>
      {invites.length > 0 && (
        <View className="section" id="staff-invites">
          <View className="muted">把邀请码告诉店员，在商家端「输入邀请码」处填写；每个码只能用一次。</View>
          {invites.map((i) => (
            <Cell
              key={i.code}
              title={
                <Text className="title invite-code" id={`invite-${i.code}`}>
                  {i.code}
                </Text>
              }
              extra={`${formatShanghai(i.expiresAt)} 前有效`}
            />
          ))}
        </View>
      )}
      <View className="section" id="staff-list">
        {staff?.map((s) => (
          <View key={s._id} id={`staff-${s._id}`}>
            <Cell
              title={`${s.name}${s.self ? '（我）' : ''}`}
              description={ROLE_TEXT[s.role]}
              extra={
                s.role === 'clerk' ? (
                  confirming === s._id ? (
                    <Button size="small" type="danger" id={`staff-remove-confirm-${s._id}`} disabled={busy} onClick={() => remove(s._id)}>
                      确认移除
                    </Button>
                  ) : (
                    <Button size="small" id={`staff-remove-${s._id}`} onClick={() => setConfirming(s._id)}>
                      移除
                    </Button>
                  )
                ) : undefined
              }
            />
          </View>
        ))}
      </View>
      <PageToast />
    </View>
  );
}
