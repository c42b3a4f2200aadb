import { defineConfig, type Plugin } from "vite";
import { appRoutes, contentSecurityPolicy } from "./cloudfront.ts";

/**
 * Locally the AppHost runs the dev server as the resource `web`: it serves the app and proxies /api to the Api on one
 * origin, as CloudFront does in AWS, and answers /config.json with the AppHost's local sign-in. In AWS the deploy
 * writes config.json beside index.html instead. `vite preview` serves the build the same way, under the
 * Content-Security-Policy CloudFront sends.
 */
export default defineConfig(({ command, mode, isPreview }) => {
  if (command === "build" || mode === "test")
    return { build: { target: "es2022" } };

  const origin = {
    host: "localhost",
    port: Number(process.env.PORT ?? 5173),
    strictPort: true,
    proxy: { "/api": { target: required("API_URL", "the Api's URL, which the AppHost gives"), changeOrigin: true } },
  };
  return {
    // the dev server answers every route with the app; the preview leaves that to CloudFront's own function
    appType: isPreview ? "mpa" : "spa",
    server: origin,
    preview: { ...origin, headers: { "Content-Security-Policy": contentSecurityPolicy() } },
    plugins: [localSignIn(), cloudFrontRoutes()],
  };
});

/** CloudFront's function in front of the bucket, run by `vite preview` on the paths CloudFront gives it. */
function cloudFrontRoutes(): Plugin {
  const route = appRoutes();
  const ownBehaviours = /^\/(api\/|health$|alive$)/;
  return {
    name: "orders-cloudfront-routes",
    configurePreviewServer: server => {
      server.middlewares.use((request, _response, next) => {
        const [path = "/", query] = (request.url ?? "/").split("?", 2);
        if (!ownBehaviours.test(path))
          request.url = route(path) + (query === undefined ? "" : `?${query}`);
        next();
      });
    },
  };
}

/** The tokens the AppHost minted (its dashboard shows them too), offered on the sign-in page. */
function localSignIn(): Plugin {
  const tokens = [process.env.LOCAL_CUSTOMER_TOKEN, process.env.LOCAL_STAFF_TOKEN].filter(token => !!token);
  const settings = JSON.stringify({ signIn: { kind: "local", tokens } });
  return {
    name: "orders-local-sign-in",
    configureServer: server => { server.middlewares.use("/config.json", (_request, response) => sendSettings(response, settings)); },
    configurePreviewServer: server => { server.middlewares.use("/config.json", (_request, response) => sendSettings(response, settings)); },
  };
}

function sendSettings(response: import("node:http").ServerResponse, settings: string): void {
  response.setHeader("Content-Type", "application/json");
  response.setHeader("Cache-Control", "no-store");
  response.end(settings);
}

function required(name: string, what: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: it is ${what}. Start the front end with \`dotnet run --project AppHost\`, or set ${name} yourself.`);
  return value;
}
