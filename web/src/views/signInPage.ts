import { beginSignIn, completeSignIn, SignInError } from "../auth/cognito";
import { hasExpired, sessionFrom, TokenError } from "../auth/token";
import { h } from "../ui/dom";
import type { Page } from "./page";

/**
 * Sign-in. In AWS: the environment's Cognito hosted sign-in, with PKCE. Locally: the tokens the AppHost minted (its
 * dashboard shows them too), or any token pasted that the local Api trusts.
 */
export function signInPage(page: Page, query: URLSearchParams): void {
  page.title("Sign in");
  if (query.has("expired"))
    page.view.append(h("p", { class: "notice", role: "status" }, "Your session has ended. Sign in again to go on where you were."));

  const signIn = page.settings.signIn;
  if (signIn.kind === "cognito") {
    const button = h("button", {
      type: "button",
      class: "primary",
      onclick: async () => {
        button.disabled = true;
        location.assign(await beginSignIn(signIn, location.origin, sessionStorage));
      },
    }, "Sign in");
    page.view.append(h("p", {}, "You sign in on the sign-in page of this environment, and come back here."), button);
    return;
  }

  const offered = signIn.tokens.flatMap(token => {
    try {
      return [{ token, session: sessionFrom(token) }];
    } catch {
      return [];
    }
  });
  const current = offered.filter(({ session }) => !hasExpired(session, Date.now()));
  if (current.length < offered.length)
    page.view.append(h("p", { class: "notice" }, "The AppHost's tokens have expired (they last 12 hours): restart it for new ones."));
  const error = h("p", { id: "token-error", class: "field-error" });
  const tokenInput = h("textarea", { id: "token", name: "token", rows: "4", spellcheck: "false", "aria-describedby": "token-hint token-error" });
  page.view.append(
    h("p", {}, "This is a local run: the AppHost issues the tokens. Choose who you are."),
    h("ul", { class: "accounts" }, ...current.map(({ token, session }) => h("li", {},
      h("button", { type: "button", class: "primary", onclick: () => page.signedIn(sessionFrom(token)) },
        `Sign in as ${session.subject}${session.staff ? " (staff)" : ""}`)))),
    h("form", {
      novalidate: true,
      onsubmit: event => {
        event.preventDefault();
        try {
          const session = sessionFrom(tokenInput.value);
          if (hasExpired(session, Date.now()))
            throw new TokenError("That token has expired: take a new one.");
          page.signedIn(session);
        } catch (failure) {
          error.textContent = failure instanceof TokenError ? failure.message : "That token cannot be used.";
          tokenInput.setAttribute("aria-invalid", "true");
          tokenInput.focus();
        }
      },
    },
    h("div", { class: "field" },
      h("label", { for: "token" }, "Or an access token"),
      h("p", { id: "token-hint", class: "hint" }, "One the local Api trusts, such as the dashboard's customer-token."),
      tokenInput,
      error),
    h("button", { type: "submit", class: "secondary" }, "Sign in with this token")));
}

/** Where the hosted sign-in sends the browser back with a code. */
export async function callbackPage(page: Page, url: URL): Promise<void> {
  page.title("Signing in…");
  const signIn = page.settings.signIn;
  try {
    if (signIn.kind !== "cognito")
      throw new SignInError("This environment does not sign in through a sign-in page.");
    page.signedIn(await completeSignIn(signIn, url, sessionStorage));
  } catch (failure) {
    const message = failure instanceof SignInError || failure instanceof TokenError ? failure.message : "Sign-in did not succeed.";
    page.view.append(
      h("p", { role: "alert" }, message),
      h("a", { href: "/sign-in", class: "button" }, "Sign in again"));
  }
}
