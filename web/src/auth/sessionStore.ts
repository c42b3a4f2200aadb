import { hasExpired, type Session } from "./token";

const sessionKey = "orders.session";
const returnKey = "orders.return-to";
const ownerKey = "orders.owner";

/**
 * The signed-in person of this tab, and where to go back to after signing in. Kept in sessionStorage: it ends with the
 * tab, and a token is never written where other tabs or later visits find it.
 */
export class SessionStore {
  constructor(private readonly storage: Storage, private readonly now: () => number = Date.now) {}

  current(): Session | null {
    const stored = this.storage.getItem(sessionKey);
    if (!stored)
      return null;
    try {
      const session = JSON.parse(stored) as Session;
      return hasExpired(session, this.now()) ? null : session;
    } catch {
      return null;
    }
  }

  save(session: Session): void {
    this.storage.setItem(sessionKey, JSON.stringify(session));
    this.storage.setItem(ownerKey, session.subject);
  }

  /** Who last signed in on this tab, also once their session has ended. */
  owner(): string | null {
    return this.storage.getItem(ownerKey);
  }

  clear(): void {
    this.storage.removeItem(sessionKey);
  }

  rememberReturn(path: string): void {
    this.storage.setItem(returnKey, safeReturnPath(path));
  }

  takeReturn(): string {
    const path = this.storage.getItem(returnKey);
    this.storage.removeItem(returnKey);
    return safeReturnPath(path);
  }
}

/** Only a path of this app: never another origin (//host, https://host), never the sign-in pages themselves. */
export function safeReturnPath(path: string | null): string {
  if (!path || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\"))
    return "/";
  if (path.startsWith("/sign-in") || path.startsWith("/auth/"))
    return "/";
  return path;
}
