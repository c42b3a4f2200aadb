import { describe, expect, it } from "vitest";
import { hasExpired, sessionFrom, TokenError } from "../src/auth/token";
import { tokenWith } from "./memoryStorage";

describe("sessionFrom", () => {
  it("reads the subject, the expiry and staff membership from Cognito's claims", () => {
    const session = sessionFrom(tokenWith({ sub: "ana", exp: 2_000_000_000, "cognito:groups": ["staff", "other"] }));
    expect(session).toMatchObject({ subject: "ana", staff: true, expiresAt: 2_000_000_000_000 });
  });

  it("takes a single group given as text, as the local issuer writes it", () => {
    expect(sessionFrom(tokenWith({ sub: "s", exp: 1, "cognito:groups": "staff" })).staff).toBe(true);
  });

  it("makes a customer of a token without groups", () => {
    expect(sessionFrom(tokenWith({ sub: "c", exp: 1 })).staff).toBe(false);
  });

  it("reads claims written in UTF-8", () => {
    expect(sessionFrom(tokenWith({ sub: "zoë", exp: 1 })).subject).toBe("zoë");
  });

  it.each([
    ["not a token", "three parts"],
    ["a.b", "three parts"],
    ["a.!!!.c", "cannot be read"],
    [tokenWith({ exp: 1 }), "no subject"],
    [tokenWith({ sub: "x" }), "no expiry"],
  ])("refuses %s with a reason", (token, reason) => {
    expect(() => sessionFrom(token)).toThrowError(TokenError);
    expect(() => sessionFrom(token)).toThrowError(reason);
  });
});

describe("hasExpired", () => {
  const session = sessionFrom(tokenWith({ sub: "c", exp: 100 }));

  it("counts a token as expired a little before its expiry", () => {
    expect(hasExpired(session, 94_000)).toBe(false);
    expect(hasExpired(session, 95_000)).toBe(true);
    expect(hasExpired(session, 200_000)).toBe(true);
  });
});
