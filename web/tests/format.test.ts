import { describe, expect, it } from "vitest";
import { formatMoney } from "../src/ui/format";

describe("formatMoney", () => {
  it("writes the amount in the order's currency", () => {
    expect(formatMoney(25, "EUR", "en-GB")).toBe("€25.00");
    expect(formatMoney(1234.5, "USD", "en-US")).toBe("$1,234.50");
  });

  it("still shows the amount of a currency it does not know", () => {
    expect(formatMoney(3, "E1R", "en-GB")).toBe("3.00 E1R");
  });
});
