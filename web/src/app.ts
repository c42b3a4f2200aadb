import { ApiClient } from "./api/client";
import { OrdersApi } from "./api/orders";
import { SessionStore } from "./auth/sessionStore";
import type { Session } from "./auth/token";
import { signOutUrl } from "./auth/cognito";
import { forgetWork } from "./orders/draft";
import { routeOf } from "./routes";
import type { Settings } from "./settings";
import { h } from "./ui/dom";
import { ordersPage } from "./views/ordersPage";
import { newOrderPage } from "./views/newOrderPage";
import { orderPage } from "./views/orderPage";
import { callbackPage, signInPage } from "./views/signInPage";
import { missingPage } from "./views/missingPage";
import type { Page } from "./views/page";

export class App {
  private readonly sessions = new SessionStore(sessionStorage);
  private readonly orders = new OrdersApi(new ApiClient({
    token: () => this.sessions.current()?.accessToken ?? null,
    onSlow: slow => { document.querySelector<HTMLElement>("#waiting")!.hidden = !slow; },
  }));
  private readonly main = document.querySelector<HTMLElement>("main")!;
  private readonly account = document.querySelector<HTMLElement>("#account")!;
  private readonly announcer = document.querySelector<HTMLElement>("#announcer")!;
  private pendingAnnouncement: string | undefined;
  private shown = "";

  constructor(private readonly settings: Settings) {
    document.addEventListener("click", event => this.followLink(event));
    // back and forward render the page they lead to; a move within this page (the skip link's #content) is no new page
    window.addEventListener("popstate", () => {
      if (location.pathname + location.search !== this.shown)
        void this.render();
    });
  }

  async render(): Promise<void> {
    const route = routeOf(location.pathname);
    const session = this.sessions.current();
    const open = route.page === "sign-in" || route.page === "callback";
    if (!session && !open) {
      this.sessions.rememberReturn(location.pathname + location.search);
      this.navigate("/sign-in", { replace: true });
      return;
    }
    this.shown = location.pathname + location.search;
    this.showAccount(session);
    const view = h("div");
    this.main.replaceChildren(view);
    this.main.removeAttribute("aria-busy");
    const page = this.page(session, view);
    if (this.pendingAnnouncement)
      page.announce(this.pendingAnnouncement);
    this.pendingAnnouncement = undefined;

    switch (route.page) {
      case "orders":
        return ordersPage(page, new URLSearchParams(location.search));
      case "new-order":
        return newOrderPage(page);
      case "order":
        return orderPage(page, route.id);
      case "sign-in":
        return signInPage(page, new URLSearchParams(location.search));
      case "callback":
        return callbackPage(page, new URL(location.href));
      case "missing":
        return missingPage(page);
    }
  }

  navigate(path: string, options: { replace?: boolean; announce?: string } = {}): void {
    if (options.replace)
      history.replaceState(null, "", path);
    else
      history.pushState(null, "", path);
    this.pendingAnnouncement = options.announce;
    void this.render();
  }

  private page(session: Session | null, view: HTMLElement): Page {
    return {
      settings: this.settings,
      session,
      orders: this.orders,
      view,
      navigate: (path, options) => this.navigate(path, options),
      announce: message => {
        // cleared first, so that the same message twice is read twice
        this.announcer.textContent = "";
        setTimeout(() => { this.announcer.textContent = message; }, 50);
      },
      title: text => {
        document.title = `${text} · Orders`;
        const heading = h("h1", { tabindex: "-1" }, text);
        view.prepend(heading);
        heading.focus();
        return heading;
      },
      focusTitle: () => view.querySelector<HTMLElement>("h1")?.focus(),
      signInAgain: () => {
        this.sessions.clear();
        this.sessions.rememberReturn(location.pathname + location.search);
        this.navigate("/sign-in?expired=1", { replace: true });
      },
      signedIn: signedIn => {
        // a draft is its author's: someone else signing in on this tab starts afresh
        if (this.sessions.owner() !== signedIn.subject)
          forgetWork(sessionStorage);
        this.sessions.save(signedIn);
        this.navigate(this.sessions.takeReturn(), { replace: true });
      },
    };
  }

  private showAccount(session: Session | null): void {
    document.querySelector<HTMLElement>("#main-nav")!.hidden = !session;
    if (!session) {
      this.account.replaceChildren();
      return;
    }
    this.account.replaceChildren(
      h("span", {}, `Signed in as ${session.subject}`, session.staff ? " (staff)" : ""),
      h("button", { type: "button", class: "link", onclick: () => this.signOut() }, "Sign out"));
  }

  private signOut(): void {
    // everything of this tab's person goes: the token, a draft, a submission's key, where to go back to
    sessionStorage.clear();
    if (this.settings.signIn.kind === "cognito")
      location.assign(signOutUrl(this.settings.signIn, location.origin));
    else
      this.navigate("/sign-in", { announce: "You are signed out." });
  }

  /** Links within the app change the page without loading it again; others, and modified clicks, do what browsers do. */
  private followLink(event: MouseEvent): void {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    const link = (event.target as Element | null)?.closest("a");
    if (!link || link.target || link.hasAttribute("download") || link.origin !== location.origin)
      return;
    // a link within this page (the skip link) moves focus there, as browsers do; it is no new page
    if (link.hash && link.pathname === location.pathname && link.search === location.search)
      return;
    event.preventDefault();
    this.navigate(link.pathname + link.search);
  }
}
