import { ApiError } from "../api/failure";
import type { OrderAction, Versioned } from "../api/orders";
import { h } from "../ui/dom";
import { actionLabels, formatMoney, formatTime } from "../ui/format";
import { shortId, statusBadge } from "./ordersPage";
import { showFailure } from "./failurePanel";
import type { Page } from "./page";

const done: Record<OrderAction, string> = { pay: "The order is paid.", ship: "The order is shipped.", cancel: "The order is cancelled." };

/** One order, and what the caller may do with it; every action names the version it was shown (If-Match). */
export async function orderPage(page: Page, id: string): Promise<void> {
  page.title(`Order ${shortId(id)}`);
  const body = h("div", { "aria-busy": "true" }, h("p", {}, "Loading the order…"));
  page.view.append(body);

  const load = async (announce?: string): Promise<void> => {
    try {
      show(await page.orders.get(id));
      if (announce)
        page.announce(announce);
    } catch (error) {
      if (error instanceof ApiError && error.failure.kind === "not-found")
        body.replaceChildren(h("p", { role: "alert" }, "There is no such order, or it is not yours. ", h("a", { href: "/" }, "See your orders"), "."));
      else
        showFailure(page, body, error, () => void load(announce));
    } finally {
      body.setAttribute("aria-busy", "false");
    }
  };

  const reload = (): void => {
    page.focusTitle();
    void load("The order is shown as it is now.");
  };

  const show = ({ order, etag }: Versioned): void => {
    const message = h("div", { class: "message" });
    const act = async (action: OrderAction): Promise<void> => {
      for (const other of buttons)
        other.disabled = true;
      message.replaceChildren();
      try {
        const changed = await page.orders.act(order.id, action, etag);
        if (!page.view.isConnected)
          return;
        show(changed);
        page.announce(done[action]);
        body.querySelector<HTMLElement>(".status")?.focus();
      } catch (error) {
        for (const other of buttons)
          other.disabled = false;
        if (error instanceof ApiError && error.failure.kind === "changed") {
          message.replaceChildren(h("div", { class: "problem", role: "alert" },
            h("p", {}, "This order changed since it was shown here, so nothing was done. ", error.failure.message),
            h("button", { type: "button", onclick: () => reload() }, "Reload the order")));
          return;
        }
        // an action whose answer was lost may have happened: trying again shows the order as it is now, never acts twice
        showFailure(page, message, error, () => void load("The order is shown as it is now."));
      }
    };
    const buttons = order.actions.map(action => h("button", {
      type: "button",
      class: action === "cancel" ? "secondary" : "primary",
      onclick: () => void act(action),
    }, actionLabels[action]));

    body.replaceChildren(
      h("dl", { class: "facts" },
        h("dt", {}, "Status"), h("dd", {}, statusBadgeFocusable(order.status)),
        h("dt", {}, "Order"), h("dd", { class: "id" }, order.id),
        h("dt", {}, "Customer"), h("dd", {}, order.customerId),
        h("dt", {}, "Placed"), h("dd", {}, formatTime(order.createdAt)),
        h("dt", {}, "Last change"), h("dd", {}, formatTime(order.updatedAt))),
      h("table", { class: "lines" },
        h("caption", {}, "Lines"),
        h("thead", {}, h("tr", {},
          h("th", { scope: "col" }, "SKU"),
          h("th", { scope: "col", class: "number" }, "Quantity"),
          h("th", { scope: "col", class: "number" }, "Unit price"),
          h("th", { scope: "col", class: "number" }, "Amount"))),
        h("tbody", {}, ...order.lines.map(line => h("tr", {},
          h("td", { "data-label": "SKU" }, line.sku),
          h("td", { "data-label": "Quantity", class: "number" }, String(line.quantity)),
          h("td", { "data-label": "Unit price", class: "number" }, formatMoney(line.unitPrice, order.currency)),
          h("td", { "data-label": "Amount", class: "number" }, formatMoney(line.amount, order.currency))))),
        h("tfoot", {}, h("tr", {},
          h("th", { scope: "row", colspan: "3" }, "Total"),
          h("td", { class: "number total", "data-label": "Total" }, formatMoney(order.total, order.currency))))),
      h("div", { class: "actions" }, ...buttons),
      message,
      h("p", {}, h("a", { href: "/" }, "Back to the orders")));
  };

  await load();
}

function statusBadgeFocusable(status: Versioned["order"]["status"]): HTMLElement {
  const badge = statusBadge(status);
  badge.tabIndex = -1;
  return badge;
}
