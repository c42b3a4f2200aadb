/** Money as the reader's locale writes it, in the order's currency; an unknown code still shows the amount. */
export function formatMoney(amount: number, currency: string, locale?: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

export function formatTime(iso: string, locale?: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime())
    ? iso
    : new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(time);
}

export const statusLabels: Record<string, string> = {
  placed: "Placed",
  paid: "Paid",
  shipped: "Shipped",
  cancelled: "Cancelled",
};

export const actionLabels: Record<string, string> = {
  pay: "Pay",
  ship: "Ship",
  cancel: "Cancel order",
};
