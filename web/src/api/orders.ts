import type { ApiClient } from "./client";

export const statuses = ["placed", "paid", "shipped", "cancelled"] as const;
export type OrderStatus = (typeof statuses)[number];
export type OrderAction = "pay" | "ship" | "cancel";

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPrice: number;
  amount: number;
}

export interface Order {
  id: string;
  customerId: string;
  currency: string;
  lines: OrderLine[];
  total: number;
  status: OrderStatus;
  /** What the caller may do with the order now: what its status allows and they may take, as the Api decides. */
  actions: OrderAction[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface OrderPage {
  items: Order[];
  nextCursor: string | null;
}

export interface PlaceOrder {
  currency: string;
  lines: { sku: string; quantity: number | null; unitPrice: number | null }[];
}

/** An order with the entity tag that actions on it must name. */
export interface Versioned {
  order: Order;
  etag: string;
}

/** The Orders API's contract (see the Api's /openapi/v1.json), one method per operation. */
export class OrdersApi {
  constructor(private readonly client: ApiClient) {}

  async list(query: { status?: OrderStatus | undefined; cursor?: string | undefined; limit?: number }): Promise<OrderPage> {
    const search = new URLSearchParams();
    if (query.status)
      search.set("status", query.status);
    if (query.cursor)
      search.set("cursor", query.cursor);
    search.set("limit", String(query.limit ?? 20));
    return (await this.client.send<OrderPage>("GET", `/api/orders?${search}`)).body;
  }

  async get(id: string): Promise<Versioned> {
    return versioned(await this.client.send<Order>("GET", `/api/orders/${encodeURIComponent(id)}`));
  }

  /** The same key for a retried submission makes the Api answer with the first order instead of placing another. */
  async place(order: PlaceOrder, idempotencyKey: string): Promise<Versioned & { replayed: boolean }> {
    const answer = await this.client.send<Order>("POST", "/api/orders", { body: order, headers: { "Idempotency-Key": idempotencyKey } });
    return { ...versioned(answer), replayed: answer.replayed };
  }

  /** If-Match makes the action fail with 412 when someone changed the order since it was read. */
  async act(id: string, action: OrderAction, etag: string): Promise<Versioned> {
    return versioned(await this.client.send<Order>("POST", `/api/orders/${encodeURIComponent(id)}/${action}`, { headers: { "If-Match": etag } }));
  }
}

function versioned(answer: { body: Order; etag: string | null }): Versioned {
  return { order: answer.body, etag: answer.etag ?? `"${answer.body.version}"` };
}
