import { describe, expect, it } from "vitest";
import { DraftStore, forgetWork, inputFor, number, Submission, toRequest } from "../src/orders/draft";
import { MemoryStorage } from "./memoryStorage";

describe("toRequest", () => {
  it("sends numbers as numbers and leaves the judging to the Api", () => {
    expect(toRequest({ currency: " EUR ", lines: [{ sku: " BOOK ", quantity: "2", unitPrice: "12,50" }, { sku: "", quantity: "", unitPrice: "0" }] }))
      .toEqual({
        request: { currency: "EUR", lines: [{ sku: "BOOK", quantity: 2, unitPrice: 12.5 }, { sku: "", quantity: null, unitPrice: 0 }] },
        notNumbers: {},
      });
  });

  it("marks what is no number instead of sending it", () => {
    const { notNumbers } = toRequest({ currency: "EUR", lines: [{ sku: "A", quantity: "two", unitPrice: "1,250" }, { sku: "B", quantity: "1", unitPrice: "1e3" }] });
    expect(Object.keys(notNumbers)).toEqual(["lines[0].quantity", "lines[0].unitPrice", "lines[1].unitPrice"]);
  });
});

describe("number", () => {
  it.each([
    ["12.50", 12.5],
    ["12,5", 12.5],
    [" 7 ", 7],
    [".5", 0.5],
    ["-1", -1],
    ["", null],
  ])("reads %j as %j", (text, value) => {
    expect(number(text)).toBe(value);
  });

  it.each(["1,250", "1.250,00", "12.5.1", "1e3", "0x10", "Infinity", "€5"])("does not guess at %j", text => {
    expect(number(text)).toBeNaN();
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
  const newKey = () => `key-${++next}`;

  it("sends the same order again with the same key, also after a reload of the page", () => {
    const storage = new MemoryStorage();
    const first = new Submission(storage, newKey).keyFor(request);
    expect(new Submission(storage, newKey).keyFor({ ...request })).toBe(first);
  });

  it("takes a new key once the order changes or was placed", () => {
    const submission = new Submission(new MemoryStorage(), newKey);
    const first = submission.keyFor(request);
    const changed = submission.keyFor({ ...request, currency: "USD" });
    expect(changed).not.toBe(first);
    submission.placed();
    expect(submission.keyFor({ ...request, currency: "USD" })).not.toBe(changed);
  });

  it("forgets the key with the draft", () => {
    const storage = new MemoryStorage();
    const key = new Submission(storage, newKey).keyFor(request);
    new DraftStore(storage).save({ currency: "EUR", lines: [{ sku: "BOOK", quantity: "1", unitPrice: "2" }] });
    forgetWork(storage);
    expect(new Submission(storage, newKey).keyFor(request)).not.toBe(key);
    expect(new DraftStore(storage).load().lines[0]!.sku).toBe("");
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
