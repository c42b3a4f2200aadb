import { defineConfig, type Plugin } from "vite";

/**
 * Locally the AppHost runs this dev server as the resource `web`: it serves the app and proxies /api to the Api on one
 * origin, as CloudFront does in AWS, and answers /config.json with the AppHost's local sign-in. In AWS the deploy
 * writes config.json beside index.html instead.
 */
export default defineConfig(({ command, mode }) => {
  const serving = command === "serve" && mode !== "test";
  return {
    server: serving ? devServer() : {},
    build: { target: "es2022" },
    plugins: serving ? [localSignIn()] : [],
  };
});

function devServer() {
  const api = required("API_URL", "the Api's URL, which the AppHost gives");
  return {
    host: "localhost",
    port: Number(process.env.PORT ?? 5173),
    strictPort: true,
    proxy: { "/api": { target: api, changeOrigin: true } },
  };
}

/** The tokens the AppHost minted (its dashboard shows them too), offered on the sign-in page. */
function localSignIn(): Plugin {
  const tokens = [process.env.LOCAL_CUSTOMER_TOKEN, process.env.LOCAL_STAFF_TOKEN].filter(token => !!token);
  const settings = JSON.stringify({ signIn: { kind: "local", tokens } });
  return {
    name: "orders-local-sign-in",
    configureServer(server) {
      server.middlewares.use("/config.json", (_request, response) => {
        response.setHeader("Content-Type", "application/json");
        response.setHeader("Cache-Control", "no-store");
        response.end(settings);
      });
    },
  };
}

function required(name: string, what: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: it is ${what}. Start the front end with \`dotnet run --project AppHost\`, or set ${name} yourself.`);
  return value;
}
