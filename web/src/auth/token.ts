/** What the app needs to know of an access token. It only reads the claims; the Api checks the signature. */
export interface Session {
  accessToken: string;
  subject: string;
  staff: boolean;
  /** Milliseconds since the epoch, from the token's exp. */
  expiresAt: number;
}

export class TokenError extends Error {}

export function sessionFrom(accessToken: string): Session {
  const parts = accessToken.trim().split(".");
  if (parts.length !== 3)
    throw new TokenError("That is not an access token: a token has three parts separated by dots.");
  let claims: { sub?: unknown; exp?: unknown; "cognito:groups"?: unknown };
  try {
    claims = JSON.parse(decodeBase64Url(parts[1]!));
  } catch {
    throw new TokenError("That is not an access token: its claims cannot be read.");
  }
  if (typeof claims.sub !== "string" || claims.sub.length === 0)
    throw new TokenError("The token names no subject (sub).");
  if (typeof claims.exp !== "number")
    throw new TokenError("The token has no expiry (exp).");
  const groups = claims["cognito:groups"];
  const staff = Array.isArray(groups) ? groups.includes("staff") : groups === "staff";
  return { accessToken: accessToken.trim(), subject: claims.sub, staff, expiresAt: claims.exp * 1000 };
}

/** A token counts as expired a little early, so that it does not expire on its way to the Api. */
export function hasExpired(session: Session, now: number, marginMs = 5_000): boolean {
  return session.expiresAt - marginMs <= now;
}

function decodeBase64Url(text: string): string {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(text.length / 4) * 4, "=");
  const bytes = Uint8Array.from(atob(base64), character => character.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
