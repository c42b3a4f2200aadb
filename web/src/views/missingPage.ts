import { h } from "../ui/dom";
import type { Page } from "./page";

export function missingPage(page: Page): void {
  page.title("Page not found");
  page.view.append(h("p", {}, "There is no page at this address. ", h("a", { href: "/" }, "See your orders"), "."));
}
