import { challengeFor, randomVerifier } from "./pkce";
import { sessionFrom, type Session } from "./token";

type CognitoSettings = { domain: string; clientId: string };

const pendingKey = "orders.sign-in";
export const callbackPath = "/auth/callback";

export class SignInError extends Error {}

/** Sends the browser to the hosted sign-in page with a fresh state and PKCE challenge, remembered for the callback. */
export async function beginSignIn(settings: CognitoSettings, origin: string, storage: Storage): Promise<string> {
  const state = randomVerifier();
  const verifier = randomVerifier();
  storage.setItem(pendingKey, JSON.stringify({ state, verifier }));
  const url = new URL("/oauth2/authorize", settings.domain);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: settings.clientId,
    redirect_uri: origin + callbackPath,
    scope: "openid",
    state,
    code_challenge: await challengeFor(verifier),
    code_challenge_method: "S256",
  }).toString();
  return url.toString();
}

/** Trades the callback's code for tokens, after checking that this tab asked for it. */
export async function completeSignIn(
  settings: CognitoSettings, callback: URL, storage: Storage, fetcher: typeof fetch = fetch): Promise<Session> {
  const pending = storage.getItem(pendingKey);
  storage.removeItem(pendingKey);
  // the error's code only, and only as a code: a description in the address is anyone's text
  const error = callback.searchParams.get("error");
  if (error)
    throw new SignInError(`Sign-in did not succeed${/^[a-z_]{1,40}$/.test(error) ? ` (${error})` : ""}. Sign in again.`);
  const { state, verifier } = pending ? JSON.parse(pending) as { state: string; verifier: string } : { state: null, verifier: null };
  const code = callback.searchParams.get("code");
  if (!code || !state || !verifier || callback.searchParams.get("state") !== state)
    throw new SignInError("This sign-in was not started here, or it was already used. Sign in again.");

  let response: Response;
  try {
    response = await fetcher(new URL("/oauth2/token", settings.domain), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        client_id: settings.clientId,
        code,
        redirect_uri: callback.origin + callbackPath,
        code_verifier: verifier,
      }),
    });
  } catch {
    throw new SignInError("The sign-in service did not answer. Sign in again in a moment.");
  }
  if (!response.ok)
    throw new SignInError(`The sign-in service refused the code (${response.status}). Sign in again.`);
  const tokens = await response.json() as { access_token?: string };
  if (!tokens.access_token)
    throw new SignInError("The sign-in service sent no access token. Sign in again.");
  return sessionFrom(tokens.access_token);
}

export function signOutUrl(settings: CognitoSettings, origin: string): string {
  const url = new URL("/logout", settings.domain);
  url.search = new URLSearchParams({ client_id: settings.clientId, logout_uri: origin + "/" }).toString();
  return url.toString();
}
