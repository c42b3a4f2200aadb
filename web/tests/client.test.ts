import { describe, expect, it } from "vitest";
import { ApiClient } from "../src/api/client";
import { ApiError, failureOf, type Failure } from "../src/api/failure";

const problem = (status: number, body: object) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/problem+json" } });

async function failureFrom(call: Promise<unknown>): Promise<Failure> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ApiError)
      return error.failure;
    throw error;
  }
  throw new Error("the call did not fail");
}

describe("failureOf", () => {
  it("keeps a validation problem's field errors", async () => {
    const failure = await failureOf(problem(422, { title: "One or more validation errors occurred.", errors: { "lines[0].quantity": ["The quantity must be between 1 and 1000."] } }));
    expect(failure).toEqual({
      kind: "invalid",
      message: "One or more validation errors occurred.",
      fieldErrors: { "lines[0].quantity": ["The quantity must be between 1 and 1000."] },
    });
  });

  it.each([409, 412])("makes %i a change of the order, with the Api's detail", async status => {
    expect(await failureOf(problem(status, { title: "t", detail: "The order is at version 3 now." })))
      .toEqual({ kind: "changed", status, message: "The order is at version 3 now." });
  });

  it.each([500, 502, 503, 504, 429])("makes %i the service not answering, whatever the body", async status => {
    expect((await failureOf(new Response("<html>Bad gateway</html>", { status, headers: { "Content-Type": "text/html" } }))).kind)
      .toBe("unavailable");
  });

  it("signs out on 401", async () => {
    expect(await failureOf(problem(401, { title: "Unauthorized" }))).toEqual({ kind: "signed-out" });
  });

  it("still has a message for an answer without a body", async () => {
    expect(await failureOf(new Response(null, { status: 418 }))).toEqual({ kind: "refused", status: 418, message: "The service answered 418." });
  });
});

describe("ApiClient", () => {
  it("sends the token and JSON, and returns the body with its entity tag", async () => {
    let headers: Record<string, string> = {};
    const client = new ApiClient({
      token: () => "the-token",
      fetcher: async (_url, init) => {
        headers = init!.headers as Record<string, string>;
        return Response.json({ id: 1 }, { headers: { ETag: '"4"', "Idempotent-Replayed": "true" } });
      },
    });
    expect(await client.send("POST", "/api/orders", { body: { a: 1 } })).toEqual({ body: { id: 1 }, etag: '"4"', replayed: true });
    expect(headers).toMatchObject({ Authorization: "Bearer the-token", "Content-Type": "application/json", Accept: "application/json" });
  });

  it("does not call the Api without a token", async () => {
    const client = new ApiClient({ token: () => null, fetcher: async () => { throw new Error("no request expected"); } });
    expect(await failureFrom(client.send("GET", "/api/orders"))).toEqual({ kind: "signed-out" });
  });

  it("makes a network failure the service not answering", async () => {
    const client = new ApiClient({ token: () => "t", fetcher: async () => { throw new TypeError("Failed to fetch"); } });
    expect((await failureFrom(client.send("GET", "/api/orders"))).kind).toBe("unavailable");
  });

  it("gives up on a slow answer after its time", async () => {
    const client = new ApiClient({
      token: () => "t",
      timeoutMs: 50,
      fetcher: (_url, init) => new Promise((_resolve, reject) => init!.signal!.addEventListener("abort", () => reject(init!.signal!.reason))),
    });
    expect((await failureFrom(client.send("GET", "/api/orders"))).kind).toBe("unavailable");
  });
});

describe("ApiClient's patience", () => {
  it("says when an answer is slow to come, and when no call is waiting any more", async () => {
    const told: boolean[] = [];
    const client = new ApiClient({
      token: () => "t",
      slowAfterMs: 20,
      onSlow: slow => told.push(slow),
      fetcher: () => new Promise(resolve => setTimeout(() => resolve(Response.json({})), 80)),
    });
    await Promise.all([client.send("GET", "/api/orders"), client.send("GET", "/api/orders")]);
    expect(told).toEqual([true, false]);
  });

  it("says nothing of an answer that comes in time", async () => {
    const told: boolean[] = [];
    const client = new ApiClient({ token: () => "t", slowAfterMs: 50, onSlow: slow => told.push(slow), fetcher: async () => Response.json({}) });
    await client.send("GET", "/api/orders");
    await new Promise(resolve => setTimeout(resolve, 80));
    expect(told).toEqual([]);
  });
});
