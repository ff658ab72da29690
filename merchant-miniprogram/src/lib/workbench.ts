import { formatRateBp, formatShanghai, type CommissionTerms, type Permission, type Store } from '@daojia/domain';

/**
 * The workbench's tiles: each page of the merchant app with the permission it needs in the store acted on. A tile
 * shows only when the caller holds that permission there (myStores lists them per store), so a clerk sees no
 * finance, import, staff or marketing. Pages are plain navigateTo urls: a tile whose page is not built yet costs nothing.
 */
export interface Tile {
  id: string;
  label: string;
  url: string;
  permission: Permission;
}

export const TILES: readonly Tile[] = [
  { id: 'orders', label: '订单', url: '/pages/orders/index', permission: 'store.orders.serve' },
  { id: 'verify', label: '核销', url: '/pages/verify/index', permission: 'store.orders.serve' },
  // Clerks read the settings (hours, fees, announcement) to answer customers; the page is read-only for them.
  { id: 'settings', label: '店铺设置', url: '/pages/settings/index', permission: 'store.read' },
  { id: 'catalog', label: '商品管理', url: '/pages/catalog/index', permission: 'store.stock.manage' },
  { id: 'catalog-import', label: '批量导入', url: '/pages/catalog-import/index', permission: 'store.catalog.manage' },
  { id: 'finance', label: '财务', url: '/pages/finance/index', permission: 'store.finance.read' },
  { id: 'reviews', label: '评价', url: '/pages/reviews/index', permission: 'store.reviews.reply' },
  { id: 'marketing', label: '营销', url: '/pages/marketing/index', permission: 'store.marketing.manage' },
  { id: 'staff', label: '员工', url: '/pages/staff/index', permission: 'store.staff.manage' },
];

export const tilesFor = (permissions: readonly string[]): Tile[] => TILES.filter((t) => permissions.includes(t.permission));

export const STORE_STATUS_TEXT: Record<Store['status'], string> = { open: '营业中', closed: '休息中', pending_review: '审核中', suspended: '已被平台暂停' };

/** `佣金 8%，2027-03-03 前免佣` (free period still running), or just the rate once it is over. */
export function termsText(terms: CommissionTerms | undefined, now = new Date()): string {
  if (!terms) return '';
  const rate = `佣金 ${formatRateBp(terms.commissionRateBp)}`;
  return Date.parse(terms.freeUntil) > now.getTime() ? `${rate}，${formatShanghai(terms.freeUntil, 'YYYY-MM-DD')} 前免佣` : rate;
}
