import { describe, expect, it } from "vitest";
import { loadSettings, readSettings, SettingsError } from "../src/settings";

describe("readSettings", () => {
  it("reads Cognito's hosted sign-in", () => {
    const json = { signIn: { kind: "cognito", domain: "https://orders-dev-auth-1.auth.eu-west-1.amazoncognito.com", clientId: "abc" } };
    expect(readSettings(json)).toEqual(json);
  });

  it("reads the AppHost's local tokens", () => {
    expect(readSettings({ signIn: { kind: "local", tokens: ["a.b.c"] } })).toEqual({ signIn: { kind: "local", tokens: ["a.b.c"] } });
  });

  it.each([
    [null, "signIn.kind"],
    [{}, "signIn.kind"],
    [{ signIn: { kind: "saml" } }, "signIn.kind"],
    [{ signIn: { kind: "cognito", domain: "http://plain.example", clientId: "a" } }, "signIn.domain"],
    [{ signIn: { kind: "cognito", domain: "https://a.example/path", clientId: "a" } }, "signIn.domain"],
    [{ signIn: { kind: "cognito", domain: "https://a.example" } }, "signIn.clientId"],
    [{ signIn: { kind: "local", tokens: "a.b.c" } }, "signIn.tokens"],
  ])("refuses %j, naming %s", (json, field) => {
    expect(() => readSettings(json)).toThrowError(SettingsError);
    expect(() => readSettings(json)).toThrowError(field);
  });
});

describe("loadSettings", () => {
  it("says when config.json is not there", async () => {
    const fetcher = async () => new Response("no", { status: 404 });
    await expect(loadSettings(fetcher)).rejects.toThrowError("config.json could not be read (404)");
  });
});
