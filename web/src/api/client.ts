import { ApiError, failureOf, unavailableMessage } from "./failure";

export interface Answer<T> {
  body: T;
  etag: string | null;
  replayed: boolean;
}

export interface ClientOptions {
  /** The access token to send; null when nobody is signed in or the token has expired. */
  token: () => string | null;
  /** How long an answer may take before the page says the service is not answering. */
  timeoutMs?: number;
  /** Told true when some call has waited longer than slowAfterMs, and false once none has. */
  onSlow?: (slow: boolean) => void;
  slowAfterMs?: number;
  fetcher?: typeof fetch;
}

/** Calls the Api on this origin with the caller's token; any failure is an ApiError with a Failure the pages can show. */
export class ApiClient {
  private readonly timeoutMs: number;
  private readonly fetcher: typeof fetch;
  private slowCalls = 0;

  constructor(private readonly options: ClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.fetcher = options.fetcher ?? ((input, init) => fetch(input, init));
  }

  async send<T>(method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
    const token = this.options.token();
    if (!token)
      throw new ApiError({ kind: "signed-out" });

    const headers: Record<string, string> = { Accept: "application/json", Authorization: `Bearer ${token}`, ...init.headers };
    if (init.body !== undefined)
      headers["Content-Type"] = "application/json";

    let response: Response;
    let slow = false;
    const slowTimer = setTimeout(() => {
      slow = true;
      this.slowed(+1);
    }, this.options.slowAfterMs ?? 3_000);
    try {
      response = await this.fetcher(path, {
        method,
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch {
      // offline, refused, reset or too slow: all the same to the person in front of the page
      throw new ApiError({ kind: "unavailable", message: unavailableMessage });
    } finally {
      clearTimeout(slowTimer);
      if (slow)
        this.slowed(-1);
    }
    if (!response.ok)
      throw new ApiError(await failureOf(response));

    let body: T;
    try {
      body = await response.json() as T;
    } catch {
      throw new ApiError({ kind: "unavailable", message: unavailableMessage });
    }
    return { body, etag: response.headers.get("ETag"), replayed: response.headers.get("Idempotent-Replayed") === "true" };
  }

  private slowed(change: number): void {
    const before = this.slowCalls > 0;
    this.slowCalls += change;
    if (before !== this.slowCalls > 0)
      this.options.onSlow?.(this.slowCalls > 0);
  }
}
