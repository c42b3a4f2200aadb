import { ApiError } from "../api/failure";
import type { Page } from "../app";
import { h } from "../ui/dom";

/**
 * Shows why a call failed, where the page puts it, and what to do next: try again when the service did not answer, sign
 * in again when the token ran out. Never a stack trace.
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
  const panel = h("div", { class: "problem", role: "alert" },
    h("p", {}, message),
    h("button", { type: "button", onclick: retry }, "Try again"));
  into.replaceChildren(panel);
}
