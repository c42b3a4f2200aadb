import { describe, expect, it } from "vitest";
import { safeReturnPath, SessionStore } from "../src/auth/sessionStore";
import { sessionFrom } from "../src/auth/token";
import { MemoryStorage, tokenWith } from "./memoryStorage";

describe("SessionStore", () => {
  it("keeps the session until its token expires", () => {
    let now = 0;
    const store = new SessionStore(new MemoryStorage(), () => now);
    store.save(sessionFrom(tokenWith({ sub: "c", exp: 60 })));
    expect(store.current()?.subject).toBe("c");
    now = 60_000;
    expect(store.current()).toBeNull();
  });

  it("has no session after signing out, or when what is stored cannot be read", () => {
    const storage = new MemoryStorage();
    const store = new SessionStore(storage, () => 0);
    store.save(sessionFrom(tokenWith({ sub: "c", exp: 60 })));
    store.clear();
    expect(store.current()).toBeNull();
    storage.setItem("orders.session", "{not json");
    expect(store.current()).toBeNull();
  });

  it("remembers who signed in last, after their session has ended", () => {
    const store = new SessionStore(new MemoryStorage(), () => 0);
    expect(store.owner()).toBeNull();
    store.save(sessionFrom(tokenWith({ sub: "c", exp: 60 })));
    store.clear();
    expect(store.owner()).toBe("c");
  });

  it("gives the remembered place back once", () => {
    const store = new SessionStore(new MemoryStorage());
    store.rememberReturn("/orders/new?x=1");
    expect(store.takeReturn()).toBe("/orders/new?x=1");
    expect(store.takeReturn()).toBe("/");
  });
});

describe("safeReturnPath", () => {
  it.each([
    ["/orders/0193", "/orders/0193"],
    ["/?status=paid", "/?status=paid"],
    ["https://elsewhere.example/", "/"],
    ["//elsewhere.example/", "/"],
    ["/\\elsewhere.example", "/"],
    ["javascript:alert(1)", "/"],
    ["/sign-in?expired=1", "/"],
    ["/auth/callback?code=x", "/"],
    [null, "/"],
  ])("goes back to %s as %s", (path, expected) => {
    expect(safeReturnPath(path)).toBe(expected);
  });
});
