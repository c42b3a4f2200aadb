import type { PlaceOrder } from "../api/orders";

/** An order as typed: text, so that nothing a person typed is lost or reformatted before the Api judges it. */
export interface Draft {
  currency: string;
  lines: DraftLine[];
}

export interface DraftLine {
  sku: string;
  quantity: string;
  unitPrice: string;
}

export const emptyLine = (): DraftLine => ({ sku: "", quantity: "1", unitPrice: "" });
export const emptyDraft = (): Draft => ({ currency: "EUR", lines: [emptyLine()] });

/** The request for a draft. Numbers that do not read as numbers go as null, and the Api says what is missing. */
export function toRequest(draft: Draft): PlaceOrder {
  return {
    currency: draft.currency.trim(),
    lines: draft.lines.map(line => ({
      sku: line.sku.trim(),
      quantity: number(line.quantity),
      unitPrice: number(line.unitPrice),
    })),
  };
}

function number(text: string): number | null {
  const trimmed = text.trim().replace(",", ".");
  if (trimmed === "")
    return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** The id of the input an Api field error belongs to (`lines[1].quantity` → `line-1-quantity`); null when no input shows it. */
export function inputFor(field: string): string | null {
  const normalized = field.replace(/^\$\./, "");
  if (/^currency$/i.test(normalized))
    return "currency";
  if (/^lines$/i.test(normalized))
    return "lines";
  const line = /^lines\[(\d+)\](?:\.(sku|quantity|unitPrice))?$/i.exec(normalized);
  if (!line)
    return null;
  const part = line[2] ? line[2].toLowerCase() : null;
  return part === null ? `line-${line[1]}` : `line-${line[1]}-${part === "unitprice" ? "unit-price" : part}`;
}

/**
 * The Idempotency-Key of a submission: the same while the same order is sent again (a double click, a retry after the
 * network failed), a new one once what is sent changes or an order was placed.
 */
export class Submission {
  private last: { body: string; key: string } | null = null;

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  keyFor(request: PlaceOrder): string {
    const body = JSON.stringify(request);
    if (this.last?.body !== body)
      this.last = { body, key: this.newKey() };
    return this.last.key;
  }

  placed(): void {
    this.last = null;
  }
}

const draftKey = "orders.draft";

/** The draft of this tab, kept across a sign-in so that an expired token costs nothing typed. */
export class DraftStore {
  constructor(private readonly storage: Storage) {}

  load(): Draft {
    try {
      const stored = JSON.parse(this.storage.getItem(draftKey) ?? "null") as Draft | null;
      if (stored && typeof stored.currency === "string" && Array.isArray(stored.lines) && stored.lines.length > 0)
        return stored;
    } catch {
      // a draft that cannot be read is no draft
    }
    return emptyDraft();
  }

  save(draft: Draft): void {
    this.storage.setItem(draftKey, JSON.stringify(draft));
  }

  clear(): void {
    this.storage.removeItem(draftKey);
  }
}
