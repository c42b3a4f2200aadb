import { describe, expect, it } from "vitest";
import { DraftStore, inputFor, Submission, toRequest } from "../src/orders/draft";
import { MemoryStorage } from "./memoryStorage";

describe("toRequest", () => {
  it("sends numbers as numbers and leaves the judging to the Api", () => {
    expect(toRequest({ currency: " EUR ", lines: [{ sku: " BOOK ", quantity: "2", unitPrice: "12,50" }, { sku: "", quantity: "", unitPrice: "abc" }] }))
      .toEqual({ currency: "EUR", lines: [{ sku: "BOOK", quantity: 2, unitPrice: 12.5 }, { sku: "", quantity: null, unitPrice: null }] });
  });
});

describe("inputFor", () => {
  it.each([
    ["currency", "currency"],
    ["lines", "lines"],
    ["lines[0]", "line-0"],
    ["lines[3].sku", "line-3-sku"],
    ["lines[0].quantity", "line-0-quantity"],
    ["lines[12].unitPrice", "line-12-unit-price"],
    ["$.lines[1].unitPrice", "line-1-unit-price"],
    ["customerId", null],
    ["Idempotency-Key", null],
  ])("shows the error of %s next to #%s", (field, id) => {
    expect(inputFor(field)).toBe(id);
  });
});

describe("Submission", () => {
  const request = { currency: "EUR", lines: [{ sku: "BOOK", quantity: 1, unitPrice: 2 }] };
  let next = 0;
  const keys = () => new Submission(() => `key-${++next}`);

  it("sends the same order again with the same key", () => {
    const submission = keys();
    expect(submission.keyFor(request)).toBe(submission.keyFor({ ...request }));
  });

  it("takes a new key once the order changes or was placed", () => {
    const submission = keys();
    const first = submission.keyFor(request);
    const changed = submission.keyFor({ ...request, currency: "USD" });
    expect(changed).not.toBe(first);
    submission.placed();
    expect(submission.keyFor({ ...request, currency: "USD" })).not.toBe(changed);
  });
});

describe("DraftStore", () => {
  it("keeps what was typed until the order is placed", () => {
    const storage = new MemoryStorage();
    const draft = { currency: "eur", lines: [{ sku: "BOOK", quantity: "two", unitPrice: "1" }] };
    new DraftStore(storage).save(draft);
    expect(new DraftStore(storage).load()).toEqual(draft);
    new DraftStore(storage).clear();
    expect(new DraftStore(storage).load()).toEqual({ currency: "EUR", lines: [{ sku: "", quantity: "1", unitPrice: "" }] });
  });

  it("starts afresh from a draft it cannot read", () => {
    const storage = new MemoryStorage();
    storage.setItem("orders.draft", "{\"currency\":1}");
    expect(new DraftStore(storage).load().lines).toHaveLength(1);
  });
});
