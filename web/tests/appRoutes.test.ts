import { describe, expect, it } from "vitest";
import { appRoutes, contentSecurityPolicy } from "../cloudfront";
import { routeOf } from "../src/routes";

// CloudFront's viewer-request function in front of the bucket (terraform/modules/frontend): what it does to a path
// decides whether a deep link gets the app or S3's error
const served = appRoutes();

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

describe("CloudFront's Content-Security-Policy", () => {
  it("lets the page fetch from its origin and the hosted sign-in, and run no inline script", () => {
    const directives = contentSecurityPolicy("https://orders-auth-1.auth.eu-west-1.amazoncognito.com").split("; ");
    expect(directives).toContain("connect-src 'self' https://orders-auth-1.auth.eu-west-1.amazoncognito.com");
    expect(directives).toContain("script-src 'self'");
    expect(contentSecurityPolicy()).toContain("connect-src 'self';");
  });
});
