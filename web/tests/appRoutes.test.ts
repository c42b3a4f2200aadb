import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { routeOf } from "../src/routes";

// CloudFront's viewer-request function in front of the bucket (terraform/modules/frontend): what it does to a path
// decides whether a deep link gets the app or S3's error
type Request = { uri: string };
const code = readFileSync(new URL("../../terraform/modules/frontend/app-routes.js", import.meta.url), "utf8");
const handler = new Function(`${code}\nreturn handler;`)() as (event: { request: Request }) => Request;
const served = (uri: string) => handler({ request: { uri } }).uri;

describe("CloudFront's app routes", () => {
  it.each(["/", "/orders", "/orders/new", "/orders/0193a1b2-0000-7000-8000-000000000001", "/sign-in", "/auth/callback", "/orders/0193a1b2-0000-7000-8000-000000000001/"])(
    "answers the app's page %s with index.html",
    path => {
      expect(routeOf(path).page).not.toBe("missing");
      expect(served(path)).toBe("/index.html");
    });

  it.each(["/index.html", "/config.json", "/assets/index-CVHlwq4H.js", "/assets/index-gCSRzl8g.css", "/favicon.ico"])(
    "leaves the file %s as it is, so that a missing one stays missing",
    path => {
      expect(served(path)).toBe(path);
    });
});
