import { readFileSync } from "node:fs";

/**
 * What CloudFront does in front of the bucket, read from the very files terraform/modules/frontend deploys, so that
 * `vite preview` and the tests do what CloudFront does, never a copy of it.
 */
const frontendModule = new URL("../terraform/modules/frontend/", import.meta.url);

/** The viewer-request function of the bucket's behaviour: the path CloudFront fetches for the path asked for. */
export function appRoutes(): (uri: string) => string {
  const code = readFileSync(new URL("app-routes.js", frontendModule), "utf8");
  const handler = new Function(`${code}\nreturn handler;`)() as (event: { request: { uri: string } }) => { uri: string };
  return uri => handler({ request: { uri } }).uri;
}

/** The Content-Security-Policy header, with the hosted sign-in's origin (none locally). */
export function contentSecurityPolicy(signInOrigin = ""): string {
  const template = readFileSync(new URL("content-security-policy.tftpl", frontendModule), "utf8");
  return template.replace("${sign_in_origin}", signInOrigin).split("\n").map(directive => directive.trim()).filter(Boolean).join("; ");
}
