import type { OrdersApi } from "../api/orders";
import type { Session } from "../auth/token";
import type { Settings } from "../settings";

/**
 * What every page gets: the signed-in person, the Api, and the shell's navigation and announcements. The shell
 * (app.ts) makes one for each page it shows; pages know this and never the shell, so no import runs back up.
 */
export interface Page {
  readonly settings: Settings;
  readonly session: Session | null;
  readonly orders: OrdersApi;
  /** This page's part of <main>; a page that is left keeps writing into a detached element, never into the next page. */
  readonly view: HTMLElement;
  navigate(path: string, options?: { replace?: boolean; announce?: string }): void;
  announce(message: string): void;
  /** Titles the page and moves focus to its heading, so that a screen reader tells where it is. */
  title(text: string): HTMLHeadingElement;
  /** Moves focus back to the heading, as when what had the focus is replaced. */
  focusTitle(): void;
  /** The token has expired or was refused: sign in again and come back here. */
  signInAgain(): void;
  signedIn(session: Session): void;
}
