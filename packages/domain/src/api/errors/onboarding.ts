/** Onboarding: applying to open a store, its review, and joining a store's staff by invite code. */
export const ONBOARDING_ERROR_CODES = {
  APPLICATION_OPEN: '你已有一份开店申请在审核中，请等待审核结果',
  APPLICATION_NOT_FOUND: '开店申请不存在',
  APPLICATION_NOT_PENDING: '该申请已审核，不能再次处理',
  REGION_UNSUPPORTED: '该位置不在已开通的服务区域内',
  LICENCE_INVALID: '营业执照照片无效，请重新上传',
  INVITE_NOT_FOUND: '邀请码不存在，请核对后重新输入',
  INVITE_USED: '邀请码已被使用，请联系店长重新生成',
  INVITE_EXPIRED: '邀请码已过期，请联系店长重新生成',
  ALREADY_STAFF: '你已是该门店的员工',
  STAFF_NOT_FOUND: '该员工不存在或已移除',
  CANNOT_REMOVE_OWNER: '不能移除店长',
} as const satisfies Record<string, string>;
