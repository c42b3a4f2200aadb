/** How the app signs people in, read at start from /config.json: the deploy writes it in AWS, the AppHost's dev server locally. */
export type SignInSettings =
  | { kind: "cognito"; domain: string; clientId: string }
  | { kind: "local"; tokens: string[] };

export interface Settings {
  signIn: SignInSettings;
}

export class SettingsError extends Error {}

export function readSettings(json: unknown): Settings {
  const signIn = (json as { signIn?: Record<string, unknown> } | null)?.signIn;
  if (signIn?.kind === "cognito") {
    const { domain, clientId } = signIn;
    if (typeof domain !== "string" || !/^https:\/\/[^/]+$/.test(domain))
      throw new SettingsError("config.json: signIn.domain must be the sign-in domain's https:// origin, without a path.");
    if (typeof clientId !== "string" || clientId.length === 0)
      throw new SettingsError("config.json: signIn.clientId must name the app client.");
    return { signIn: { kind: "cognito", domain, clientId } };
  }
  if (signIn?.kind === "local") {
    const tokens = signIn.tokens;
    if (!Array.isArray(tokens) || !tokens.every(token => typeof token === "string"))
      throw new SettingsError("config.json: signIn.tokens must be a list of access tokens.");
    return { signIn: { kind: "local", tokens } };
  }
  throw new SettingsError('config.json: signIn.kind must be "cognito" or "local".');
}

export async function loadSettings(fetcher: typeof fetch = fetch): Promise<Settings> {
  const response = await fetcher("/config.json", { cache: "no-store" });
  if (!response.ok)
    throw new SettingsError(`config.json could not be read (${response.status}).`);
  return readSettings(await response.json());
}
