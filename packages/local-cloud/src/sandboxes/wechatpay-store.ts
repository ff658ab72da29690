import path from 'node:path';
import Database from 'better-sqlite3';

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';

export interface SandboxTransaction {
  appid: string;
  mchid: string;
  description: string;
  out_trade_no: string;
  prepay_id: string;
  notify_url: string;
  attach?: string;
  time_expire?: string;
  total: number;
  openid: string;
  trade_state: TradeState;
  transaction_id?: string;
  success_time?: string;
  created_at: string;
}

export type RefundStatus = 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';

export interface SandboxRefund {
  refund_id: string;
  out_refund_no: string;
  out_trade_no: string;
  transaction_id: string;
  reason?: string;
  notify_url?: string;
  refund: number;
  total: number;
  status: RefundStatus;
  create_time: string;
  success_time?: string;
}

export interface DeliveryAttempt {
  at: string;
  status: number | null;
  reply: string;
  error?: string;
  manual: boolean;
}

export interface OutboxEntry {
  id: string;
  kind: 'transaction' | 'refund';
  ref: string;
  url: string;
  event_type: string;
  body: string;
  /** withheld = recorded but deliberately not sent (a "lost" notification); failed = the resend schedule ran out. */
  state: 'pending' | 'delivered' | 'failed' | 'withheld';
  attempts: DeliveryAttempt[];
  created_at: string;
}

/** The sandbox's own SQLite file (not the business database), so its state survives restarts like WeChat's would. */
export function openWechatPayStore(dir: string) {
  const db = new Database(path.join(dir, 'wechatpay.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS transactions (out_trade_no TEXT PRIMARY KEY, prepay_id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS refunds (out_refund_no TEXT PRIMARY KEY, out_trade_no TEXT NOT NULL, doc TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS refunds_by_trade ON refunds (out_trade_no);
    CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, ref TEXT NOT NULL, state TEXT NOT NULL, doc TEXT NOT NULL);
  `);
  const q = {
    txnByNo: db.prepare<[string], { doc: string }>('SELECT doc FROM transactions WHERE out_trade_no = ?'),
    txnByPrepay: db.prepare<[string], { doc: string }>('SELECT doc FROM transactions WHERE prepay_id = ?'),
    putTxn: db.prepare('INSERT INTO transactions (out_trade_no, prepay_id, doc) VALUES (?, ?, ?) ON CONFLICT(out_trade_no) DO UPDATE SET doc = excluded.doc'),
    refundByNo: db.prepare<[string], { doc: string }>('SELECT doc FROM refunds WHERE out_refund_no = ?'),
    refundsByTrade: db.prepare<[string], { doc: string }>('SELECT doc FROM refunds WHERE out_trade_no = ?'),
    refundsByStatus: db.prepare<[string], { doc: string }>(`SELECT doc FROM refunds WHERE json_extract(doc, '$.status') = ?`),
    putRefund: db.prepare('INSERT INTO refunds (out_refund_no, out_trade_no, doc) VALUES (?, ?, ?) ON CONFLICT(out_refund_no) DO UPDATE SET doc = excluded.doc'),
    outboxById: db.prepare<[string], { doc: string }>('SELECT doc FROM outbox WHERE id = ?'),
    outboxAll: db.prepare<[], { doc: string }>('SELECT doc FROM outbox ORDER BY seq'),
    outboxByRef: db.prepare<[string], { doc: string }>('SELECT doc FROM outbox WHERE ref = ? ORDER BY seq'),
    outboxByState: db.prepare<[string], { doc: string }>('SELECT doc FROM outbox WHERE state = ? ORDER BY seq'),
    putOutbox: db.prepare('INSERT INTO outbox (id, ref, state, doc) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET state = excluded.state, doc = excluded.doc'),
  };
  const one = <T>(row: { doc: string } | undefined): T | undefined => (row ? (JSON.parse(row.doc) as T) : undefined);
  const many = <T>(rows: { doc: string }[]): T[] => rows.map((r) => JSON.parse(r.doc) as T);

  return {
    transaction: (outTradeNo: string) => one<SandboxTransaction>(q.txnByNo.get(outTradeNo)),
    transactionByPrepayId: (prepayId: string) => one<SandboxTransaction>(q.txnByPrepay.get(prepayId)),
    putTransaction: (t: SandboxTransaction) => {
      q.putTxn.run(t.out_trade_no, t.prepay_id, JSON.stringify(t));
    },
    refund: (outRefundNo: string) => one<SandboxRefund>(q.refundByNo.get(outRefundNo)),
    refundsOf: (outTradeNo: string) => many<SandboxRefund>(q.refundsByTrade.all(outTradeNo)),
    refundsWithStatus: (status: RefundStatus) => many<SandboxRefund>(q.refundsByStatus.all(status)),
    putRefund: (r: SandboxRefund) => {
      q.putRefund.run(r.out_refund_no, r.out_trade_no, JSON.stringify(r));
    },
    notification: (id: string) => one<OutboxEntry>(q.outboxById.get(id)),
    outbox: (ref?: string) => many<OutboxEntry>(ref ? q.outboxByRef.all(ref) : q.outboxAll.all()),
    outboxWithState: (state: OutboxEntry['state']) => many<OutboxEntry>(q.outboxByState.all(state)),
    putNotification: (n: OutboxEntry) => {
      q.putOutbox.run(n.id, n.ref, n.state, JSON.stringify(n));
    },
    transact: <T>(fn: () => T): T => db.transaction(fn)(),
    close: () => db.close(),
    get open() {
      return db.open;
    },
  };
}

export type WechatPayStore = ReturnType<typeof openWechatPayStore>;
