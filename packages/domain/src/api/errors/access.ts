/** Who may call what (access policy, function-kit's caller checks and entry points). */
export const ACCESS_ERROR_CODES = {
  UNAUTHENTICATED: '未登录',
  FORBIDDEN: '当前账号无权执行该操作',
  // Staff of several stores: which one a call acts on is the envelope's `storeId` (docs/CONVENTIONS.md)
  STORE_REQUIRED: '当前账号在多家门店任职，请选择要操作的门店',
  // Timers and payment callbacks: only their trigger starts them, never a client (function-kit/src/entry.ts)
  PERMISSION_DENIED: '该功能仅供平台内部定时任务或支付回调使用，客户端无权调用',
} as const satisfies Record<string, string>;
