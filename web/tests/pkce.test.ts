import { describe, expect, it } from "vitest";
import { challengeFor, randomVerifier } from "../src/auth/pkce";

describe("PKCE", () => {
  it("derives the S256 challenge of RFC 7636's example", async () => {
    expect(await challengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });

  it("makes verifiers of 43 URL-safe characters, a new one every time", () => {
    const verifiers = new Set(Array.from({ length: 100 }, randomVerifier));
    expect(verifiers.size).toBe(100);
    for (const verifier of verifiers)
      expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
