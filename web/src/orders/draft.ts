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

/**
 * The request for a draft, or what in it is not a number at all: those the page marks without asking the Api. Whether
 * a number is allowed (a quantity of 0, three decimals) is the Api's to say.
 */
export function toRequest(draft: Draft): { request: PlaceOrder; notNumbers: Record<string, string[]> } {
  const notNumbers: Record<string, string[]> = {};
  const read = (text: string, field: string): number | null => {
    const value = number(text);
    if (Number.isNaN(value))
      notNumbers[field] = ["Enter a number, such as 12.50."];
    return Number.isNaN(value) ? null : value;
  };
  const request = {
    currency: draft.currency.trim(),
    lines: draft.lines.map((line, index) => ({
      sku: line.sku.trim(),
      quantity: read(line.quantity, `lines[${index}].quantity`),
      unitPrice: read(line.unitPrice, `lines[${index}].unitPrice`),
    })),
  };
  return { request, notNumbers };
}

/** Empty is null (the Api says it is required); a comma is a decimal point only as in "12,50", never a thousands separator. */
export function number(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "")
    return null;
  const decimal = /^-?\d+,\d{1,2}$/.test(trimmed) ? trimmed.replace(",", ".") : trimmed;
  return /^-?(\d+(\.\d*)?|\.\d+)$/.test(decimal) ? Number(decimal) : Number.NaN;
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

const submissionKey = "orders.submission";

/**
 * The Idempotency-Key of a submission: the same while the same order is sent again (a double click, a retry after the
 * answer was lost, even after a reload or a sign-in), a new one once what is sent changes or an order was placed.
 */
export class Submission {
  constructor(private readonly storage: Storage, private readonly newKey: () => string = () => crypto.randomUUID()) {}

  keyFor(request: PlaceOrder): string {
    const body = JSON.stringify(request);
    const last = this.last();
    if (last?.body === body)
      return last.key;
    const key = this.newKey();
    this.storage.setItem(submissionKey, JSON.stringify({ body, key }));
    return key;
  }

  placed(): void {
    this.storage.removeItem(submissionKey);
  }

  private last(): { body: string; key: string } | null {
    try {
      return JSON.parse(this.storage.getItem(submissionKey) ?? "null") as { body: string; key: string } | null;
    } catch {
      return null;
    }
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

/** Forgets the draft and the key of its submission: another person signed in, or this one signed out. */
export function forgetWork(storage: Storage): void {
  new DraftStore(storage).clear();
  new Submission(storage).placed();
}
