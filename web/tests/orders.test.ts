import { describe, expect, it } from "vitest";
import { ApiClient } from "../src/api/client";
import { OrdersApi, type Order } from "../src/api/orders";

const order = (status: Order["status"], actions: Order["actions"]): Order => ({
  id: "0193a1b2-0000-7000-8000-000000000001", customerId: "c", currency: "EUR", lines: [], total: 0,
  status, actions, createdAt: "2026-12-01T10:00:00Z", updatedAt: "2026-12-01T10:00:00Z", version: 1,
});

function recording() {
  const requests: { method: string; url: string; headers: Record<string, string> }[] = [];
  const api = new OrdersApi(new ApiClient({
    token: () => "t",
    fetcher: async (url, init) => {
      requests.push({ method: init!.method!, url: String(url), headers: init!.headers as Record<string, string> });
      return Response.json(order("paid", ["cancel"]), { headers: { ETag: '"2"' } });
    },
  }));
  return { api, requests };
}

describe("OrdersApi", () => {
  it("places with the Idempotency-Key", async () => {
    const { api, requests } = recording();
    await api.place({ currency: "EUR", lines: [] }, "key-1");
    expect(requests[0]).toMatchObject({ method: "POST", url: "/api/orders", headers: { "Idempotency-Key": "key-1" } });
  });

  it("acts with If-Match naming the version that was shown", async () => {
    const { api, requests } = recording();
    const { etag } = await api.act("0193a1b2-0000-7000-8000-000000000001", "pay", '"1"');
    expect(requests[0]).toMatchObject({ method: "POST", url: "/api/orders/0193a1b2-0000-7000-8000-000000000001/pay", headers: { "If-Match": '"1"' } });
    expect(etag).toBe('"2"');
  });

  it("lists with the filter and the cursor", async () => {
    const { api, requests } = recording();
    await api.list({ status: "paid", cursor: "abc+/=" });
    expect(requests[0]!.url).toBe("/api/orders?status=paid&cursor=abc%2B%2F%3D&limit=20");
  });
});
