import { describe, expect, it } from "vitest";
import { routeOf } from "../src/routes";

describe("routeOf", () => {
  it.each([
    ["/", { page: "orders" }],
    ["/orders", { page: "orders" }],
    ["/orders/", { page: "orders" }],
    ["/orders/new", { page: "new-order" }],
    ["/orders/0193A1B2-0000-7000-8000-000000000001", { page: "order", id: "0193a1b2-0000-7000-8000-000000000001" }],
    ["/orders/not-an-id", { page: "missing" }],
    ["/sign-in", { page: "sign-in" }],
    ["/auth/callback", { page: "callback" }],
    ["/elsewhere", { page: "missing" }],
  ])("takes %s to %j", (path, route) => {
    expect(routeOf(path)).toEqual(route);
  });
});
