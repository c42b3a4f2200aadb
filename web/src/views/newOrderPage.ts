import { ApiError } from "../api/failure";
import { DraftStore, Submission, emptyLine, inputFor, toRequest, type DraftLine } from "../orders/draft";
import { h } from "../ui/dom";
import { showFailure } from "./failurePanel";
import type { Page } from "./page";

/**
 * Places an order. What is typed is kept as typed (also across a sign-in) and judged by the Api alone, whose field
 * errors are shown next to their fields; a retried submission carries the same Idempotency-Key.
 */
export function newOrderPage(page: Page): void {
  const drafts = new DraftStore(sessionStorage);
  const submission = new Submission(sessionStorage);
  const draft = drafts.load();
  const heading = page.title("New order");

  const summary = h("div", { class: "summary", tabindex: "-1" });
  const lines = h("div", { class: "line-list" });
  const linesError = h("p", { id: "lines-error", class: "field-error" });
  const submit = h("button", { type: "submit", class: "primary" }, "Place order");
  const form = h("form", { novalidate: true, "aria-labelledby": "new-order-heading" },
    summary,
    field("currency", "Currency", draft.currency, value => { draft.currency = value; changed(); }, {
      hint: "Three capital letters, such as EUR.",
      autocapitalize: "characters",
      autocomplete: "off",
      spellcheck: "false",
      size: "3",
    }),
    h("fieldset", { id: "lines", class: "lines", "aria-describedby": "lines-error" },
      h("legend", {}, "Lines"),
      linesError,
      lines,
      h("button", { type: "button", class: "secondary", onclick: () => { draft.lines.push(emptyLine()); changed(); renderLines(draft.lines.length - 1); } }, "Add a line")),
    h("p", { class: "hint" }, "The total is worked out when the order is placed, and shown with the order."),
    h("div", { class: "actions" }, submit));
  heading.id = "new-order-heading";
  page.view.append(form);

  const changed = (): void => drafts.save(draft);

  const renderLines = (focusLine?: number): void => {
    lines.replaceChildren(...draft.lines.map((line, index) => lineFields(line, index)));
    if (focusLine !== undefined)
      lines.querySelector<HTMLInputElement>(`#line-${focusLine}-sku`)?.focus();
  };

  const lineFields = (line: DraftLine, index: number): HTMLElement => {
    const number = index + 1;
    return h("fieldset", { id: `line-${index}`, class: "line", "aria-describedby": `line-${index}-error` },
      h("legend", {}, `Line ${number}`),
      h("p", { id: `line-${index}-error`, class: "field-error" }),
      field(`line-${index}-sku`, "SKU", line.sku, value => { line.sku = value; changed(); }, { autocomplete: "off", spellcheck: "false" }),
      field(`line-${index}-quantity`, "Quantity", line.quantity, value => { line.quantity = value; changed(); }, { inputmode: "numeric" }),
      field(`line-${index}-unit-price`, "Unit price", line.unitPrice, value => { line.unitPrice = value; changed(); }, { inputmode: "decimal" }),
      draft.lines.length > 1 && h("button", {
        type: "button",
        class: "link",
        "aria-label": `Remove line ${number}`,
        onclick: () => {
          draft.lines.splice(index, 1);
          changed();
          renderLines(Math.min(index, draft.lines.length - 1));
        },
      }, "Remove"));
  };

  const showErrors = (errors: Record<string, string[]>, detail?: string): void => {
    const items: HTMLElement[] = [];
    for (const [key, messages] of Object.entries(errors)) {
      const id = inputFor(key);
      const target = id ? form.querySelector<HTMLElement>(`#${id}-error`) : null;
      const text = messages.join(" ");
      if (id && target) {
        target.textContent = text;
        form.querySelector(`#${id}`)?.setAttribute("aria-invalid", "true");
        items.push(h("li", {}, h("a", { href: `#${id}`, onclick: event => { event.preventDefault(); form.querySelector<HTMLElement>(`#${id}`)?.focus(); } }, text)));
      } else {
        items.push(h("li", {}, text));
      }
    }
    summary.replaceChildren(h("div", { class: "problem", role: "alert" },
      h("h2", {}, "The order was not placed: correct what is marked."),
      items.length > 0 ? h("ul", {}, ...items) : h("p", {}, detail ?? "The service did not say what to correct.")));
    summary.focus();
  };

  const clearErrors = (): void => {
    summary.replaceChildren();
    for (const error of form.querySelectorAll(".field-error"))
      error.textContent = "";
    for (const input of form.querySelectorAll("[aria-invalid]"))
      input.removeAttribute("aria-invalid");
  };

  let sending = false;
  const place = async (): Promise<void> => {
    if (sending)
      return;
    clearErrors();
    const { request, notNumbers } = toRequest(draft);
    if (Object.keys(notNumbers).length > 0) {
      showErrors(notNumbers);
      return;
    }
    sending = true;
    submit.disabled = true;
    submit.textContent = "Placing the order…";
    try {
      const { order } = await page.orders.place(request, submission.keyFor(request));
      submission.placed();
      // the person went elsewhere meanwhile: the order is placed, and what they do now is theirs
      if (!page.view.isConnected)
        return;
      drafts.clear();
      page.navigate(`/orders/${order.id}`, { announce: "The order is placed." });
    } catch (error) {
      if (!page.view.isConnected)
        return;
      if (error instanceof ApiError && error.failure.kind === "invalid")
        showErrors(error.failure.fieldErrors, error.failure.message);
      else
        showFailure(page, summary, error, () => void place());
      summary.focus();
    } finally {
      sending = false;
      submit.disabled = false;
      submit.textContent = "Place order";
    }
  };

  form.addEventListener("submit", event => {
    event.preventDefault();
    void place();
  });
  renderLines();
}

function field(
  id: string, label: string, value: string, onInput: (value: string) => void,
  attributes: Record<string, string> & { hint?: string } = {}): HTMLElement {
  const { hint, ...rest } = attributes;
  const describedBy = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" ");
  const input = h("input", { id, name: id, type: "text", "aria-describedby": describedBy, ...rest });
  input.value = value;
  input.addEventListener("input", () => onInput(input.value));
  return h("div", { class: "field" },
    h("label", { for: id }, label),
    hint ? h("p", { id: `${id}-hint`, class: "hint" }, hint) : null,
    input,
    h("p", { id: `${id}-error`, class: "field-error" }));
}

