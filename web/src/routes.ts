/** The app's pages by path; everything else is a page that says it does not exist. */
export type Route =
  | { page: "orders" }
  | { page: "new-order" }
  | { page: "order"; id: string }
  | { page: "sign-in" }
  | { page: "callback" }
  | { page: "missing" };

const orderPath = /^\/orders\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

export function routeOf(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, "") : pathname;
  switch (path) {
    case "/":
    case "/orders":
      return { page: "orders" };
    case "/orders/new":
      return { page: "new-order" };
    case "/sign-in":
      return { page: "sign-in" };
    case "/auth/callback":
      return { page: "callback" };
  }
  const order = orderPath.exec(path);
  return order ? { page: "order", id: order[1]!.toLowerCase() } : { page: "missing" };
}
