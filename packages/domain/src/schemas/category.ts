import { z } from 'zod';
import { id } from './common';

/** A store's product category (菜单分类): products name it by `categoryName`; `sort` orders the menu (ascending). */
export const productCategory = z.object({
  _id: id,
  storeId: id,
  name: z.string().min(1).max(20),
  sort: z.number().int().min(0),
});
export type ProductCategory = z.infer<typeof productCategory>;
