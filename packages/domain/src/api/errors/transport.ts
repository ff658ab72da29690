/** The transport's own codes (function-kit): any action may reply with them whatever it declares. */
export const TRANSPORT_ERROR_CODES = {
  INVALID_INPUT: '请求参数不符合接口要求（消息中说明哪个字段）',
  UNKNOWN_ACTION: '函数没有这个操作',
  INTERNAL_ERROR: '服务内部错误，可重试',
} as const satisfies Record<string, string>;
