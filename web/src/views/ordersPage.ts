import { statuses, type Order, type OrderStatus } from "../api/orders";
import { h } from "../ui/dom";
import { formatMoney, formatTime, statusLabels } from "../ui/format";
import { showFailure } from "./failurePanel";
import type { Page } from "./page";

/** The caller's orders (staff: everyone's), newest first, a page at a time, filtered by status through the address. */
export async function ordersPage(page: Page, query: URLSearchParams): Promise<void> {
  const staff = page.session?.staff ?? false;
  const wanted = query.get("status");
  const status = statuses.find(known => known === wanted);
  page.title(staff ? "All orders" : "Your orders");

  const filter = h("select", { id: "status-filter", name: "status" },
    h("option", { value: "" }, "Any status"),
    ...statuses.map(known => h("option", { value: known, selected: known === status }, statusLabels[known])));

  const rows = h("tbody");
  const table = h("table", { class: "orders" },
    h("caption", { class: "visually-hidden" }, "Orders, newest first"),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, "Order"),
      h("th", { scope: "col" }, "Placed"),
      staff && h("th", { scope: "col" }, "Customer"),
      h("th", { scope: "col" }, "Status"),
      h("th", { scope: "col", class: "number" }, "Total"))),
    rows);
  const results = h("div", { "aria-busy": "true" }, h("p", {}, "Loading orders…"));
  const more = h("div", { class: "more" });

  page.view.append(
    h("div", { class: "toolbar" },
      // a submit button, not a change handler: arrow keys move through a closed select, each a change
      h("form", {
        role: "search",
        "aria-label": "Filter the orders",
        onsubmit: event => {
          event.preventDefault();
          page.navigate(filter.value ? `/?status=${filter.value}` : "/");
        },
      },
      h("label", { for: "status-filter" }, "Status"), filter,
      h("button", { type: "submit", class: "secondary" }, "Show")),
      h("a", { href: "/orders/new", class: "button" }, "New order")),
    results,
    more);

  const load = async (cursor?: string): Promise<void> => {
    results.setAttribute("aria-busy", "true");
    const button = more.querySelector("button");
    if (button)
      button.disabled = true;
    try {
      const orders = await page.orders.list({ status, cursor });
      const added = orders.items.map(order => row(order, staff));
      rows.append(...added);
      if (rows.childElementCount === 0)
        results.replaceChildren(h("p", {}, status ? `No orders are ${statusLabels[status]!.toLowerCase()}.` : "No orders yet."));
      else if (!table.isConnected)
        results.replaceChildren(table);
      more.replaceChildren();
      if (orders.nextCursor) {
        const next = orders.nextCursor;
        more.append(h("button", { type: "button", onclick: () => void load(next) }, "Show older orders"));
      }
      if (cursor) {
        // the button that was pressed is gone: focus goes to the first order it brought
        added[0]?.querySelector("a")?.focus();
        page.announce(`${added.length} older orders shown.`);
      } else {
        page.announce(rows.childElementCount === 0 ? "No orders." : `${added.length} orders shown${orders.nextCursor ? ", and older ones to show" : ""}.`);
      }
    } catch (error) {
      if (button)
        button.disabled = false;
      showFailure(page, cursor ? more : results, error, () => void load(cursor));
    } finally {
      results.setAttribute("aria-busy", "false");
    }
  };
  await load();
}

function row(order: Order, staff: boolean): HTMLTableRowElement {
  return h("tr", {},
    h("td", { "data-label": "Order" }, h("a", { href: `/orders/${order.id}` }, `Order ${shortId(order.id)}`)),
    h("td", { "data-label": "Placed" }, formatTime(order.createdAt)),
    staff && h("td", { "data-label": "Customer" }, order.customerId),
    h("td", { "data-label": "Status" }, statusBadge(order.status)),
    h("td", { "data-label": "Total", class: "number" }, formatMoney(order.total, order.currency)));
}

export function statusBadge(status: OrderStatus): HTMLElement {
  return h("span", { class: `status status-${status}` }, statusLabels[status] ?? status);
}

/**
 * The id's last eight digits: enough to tell a person's orders apart, the whole id is on the order's page. (The first
 * ones are the time of placing, the same for every order of the same minute.)
 */
export function shortId(id: string): string {
  return id.slice(-8);
}
