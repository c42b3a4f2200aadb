import { ApiError } from "../api/failure";
import { h } from "../ui/dom";
import type { Page } from "./page";

/**
 * Shows why a call failed, where the page puts it, and what to do next: sign in again when the token ran out, try
 * again when the service did not answer (or something unforeseen happened), nothing when trying again cannot help
 * (a refusal). Never a stack trace.
 */
export function showFailure(page: Page, into: HTMLElement, error: unknown, retry: () => void): void {
  const failure = error instanceof ApiError ? error.failure : null;
  if (failure?.kind === "signed-out") {
    page.signInAgain();
    return;
  }
  const message = failure && "message" in failure
    ? failure.message
    : "Something went wrong on this page. Nothing you typed is lost; try again.";
  const retries = failure === null || failure.kind === "unavailable";
  into.replaceChildren(h("div", { class: "problem", role: "alert" },
    h("p", {}, message),
    retries && h("button", {
      type: "button",
      onclick: () => {
        // the button goes with the message; the page's heading keeps the focus meanwhile
        page.focusTitle();
        retry();
      },
    }, "Try again")));
}
