import { describe, expect, it } from "vitest";
import { beginSignIn, completeSignIn, signOutUrl, SignInError } from "../src/auth/cognito";
import { challengeFor } from "../src/auth/pkce";
import { MemoryStorage, tokenWith } from "./memoryStorage";

const settings = { domain: "https://orders-dev-auth-1.auth.eu-west-1.amazoncognito.com", clientId: "web-client" };
const origin = "https://d1234.cloudfront.net";

async function started(storage = new MemoryStorage()) {
  const authorize = new URL(await beginSignIn(settings, origin, storage));
  return { storage, authorize, state: authorize.searchParams.get("state")! };
}

describe("beginSignIn", () => {
  it("asks the hosted sign-in for a code, with PKCE, back to this origin's callback", async () => {
    const { storage, authorize } = await started();
    expect(authorize.origin + authorize.pathname).toBe(`${settings.domain}/oauth2/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: "code",
      client_id: "web-client",
      redirect_uri: `${origin}/auth/callback`,
      code_challenge_method: "S256",
    });
    const { verifier } = JSON.parse(storage.getItem("orders.sign-in")!);
    expect(authorize.searchParams.get("code_challenge")).toBe(await challengeFor(verifier));
  });
});

describe("completeSignIn", () => {
  it("trades the code and the verifier for an access token", async () => {
    const { storage, state } = await started();
    const { verifier } = JSON.parse(storage.getItem("orders.sign-in")!);
    let sent: { url: string; body: URLSearchParams } | undefined;
    const fetcher = async (url: RequestInfo | URL, init?: RequestInit) => {
      sent = { url: String(url), body: init!.body as URLSearchParams };
      return Response.json({ access_token: tokenWith({ sub: "ana", exp: 2_000_000_000 }), id_token: "x", token_type: "Bearer" });
    };
    const session = await completeSignIn(settings, new URL(`${origin}/auth/callback?code=the-code&state=${state}`), storage, fetcher);
    expect(session.subject).toBe("ana");
    expect(sent!.url).toBe(`${settings.domain}/oauth2/token`);
    expect(Object.fromEntries(sent!.body)).toEqual({
      grant_type: "authorization_code",
      client_id: "web-client",
      code: "the-code",
      redirect_uri: `${origin}/auth/callback`,
      code_verifier: verifier,
    });
  });

  it("refuses a callback whose state this tab did not make, and uses a state once", async () => {
    const { storage, state } = await started();
    const never = async (): Promise<Response> => { throw new Error("no request expected"); };
    await expect(completeSignIn(settings, new URL(`${origin}/auth/callback?code=c&state=forged`), storage, never))
      .rejects.toThrowError(SignInError);
    await expect(completeSignIn(settings, new URL(`${origin}/auth/callback?code=c&state=${state}`), storage, never))
      .rejects.toThrowError("already used");
  });

  it("names the sign-in page's error by its code, never by the address's free text", async () => {
    const { storage } = await started();
    const callback = new URL(`${origin}/auth/callback?error=access_denied&error_description=Call+0800+to+get+your+refund`);
    const failure = completeSignIn(settings, callback, storage);
    await expect(failure).rejects.toThrowError("Sign-in did not succeed (access_denied). Sign in again.");
    const odd = completeSignIn(settings, new URL(`${origin}/auth/callback?error=Visit+evil.example`), storage);
    await expect(odd).rejects.toThrowError("Sign-in did not succeed. Sign in again.");
  });

  it("says so when the token endpoint refuses or does not answer", async () => {
    const refused = await started();
    await expect(completeSignIn(settings, new URL(`${origin}/auth/callback?code=c&state=${refused.state}`), refused.storage,
      async () => Response.json({ error: "invalid_grant" }, { status: 400 }))).rejects.toThrowError("refused the code (400)");
    const silent = await started();
    await expect(completeSignIn(settings, new URL(`${origin}/auth/callback?code=c&state=${silent.state}`), silent.storage,
      async () => { throw new TypeError("Failed to fetch"); })).rejects.toThrowError("did not answer");
  });
});

describe("signOutUrl", () => {
  it("signs out of the hosted sign-in and comes back to the app", () => {
    const url = new URL(signOutUrl(settings, origin));
    expect(url.pathname).toBe("/logout");
    expect(url.searchParams.get("client_id")).toBe("web-client");
    expect(url.searchParams.get("logout_uri")).toBe(`${origin}/`);
  });
});
