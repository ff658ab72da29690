/** The cart of one store, kept as a reducer so the store page and checkout agree on its rules. */
export interface CartLine { productId: string; name: string; unitPriceFen: number; quantity: number }
export interface Cart { storeId: string; lines: CartLine[] }

export type CartAction =
  | { type: 'add'; product: { _id: string; name: string; priceFen: number; stock?: number } }
  | { type: 'remove'; productId: string }
  | { type: 'clear' };

export function emptyCart(storeId: string): Cart {
  return { storeId, lines: [] };
}

export function cartReducer(cart: Cart, action: CartAction): Cart {
  switch (action.type) {
    case 'add': {
      const { product } = action;
      const existing = cart.lines.find((l) => l.productId === product._id);
      const quantity = (existing?.quantity ?? 0) + 1;
      if (product.stock !== undefined && quantity > product.stock) return cart;
      if (!existing) {
        return { ...cart, lines: [...cart.lines, { productId: product._id, name: product.name, unitPriceFen: product.priceFen, quantity }] };
      }
      return { ...cart, lines: cart.lines.map((l) => (l === existing ? { ...l, quantity } : l)) };
    }
    case 'remove': {
      const lines = cart.lines
        .map((l) => (l.productId === action.productId ? { ...l, quantity: l.quantity - 1 } : l))
        .filter((l) => l.quantity > 0);
      return { ...cart, lines };
    }
    case 'clear':
      return emptyCart(cart.storeId);
  }
}

export function quantityOf(cart: Cart, productId: string): number {
  return cart.lines.find((l) => l.productId === productId)?.quantity ?? 0;
}

export function cartCount(cart: Cart): number {
  return cart.lines.reduce((n, l) => n + l.quantity, 0);
}

/** Display total only; the server quote is what the user pays. */
export function cartTotalFen(cart: Cart): number {
  return cart.lines.reduce((sum, l) => sum + l.unitPriceFen * l.quantity, 0);
}

export function cartItems(cart: Cart): { productId: string; quantity: number }[] {
  return cart.lines.map(({ productId, quantity }) => ({ productId, quantity }));
}
