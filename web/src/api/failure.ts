/** Every way a call to the Api can fail, as the pages show it. */
export type Failure =
  | { kind: "signed-out" }
  | { kind: "invalid"; message: string; fieldErrors: Record<string, string[]> }
  | { kind: "changed"; status: 409 | 412; message: string }
  | { kind: "not-found"; message: string }
  | { kind: "forbidden"; message: string }
  | { kind: "unavailable"; message: string }
  | { kind: "refused"; status: number; message: string };

export class ApiError extends Error {
  constructor(readonly failure: Failure) {
    super("message" in failure ? failure.message : "You are signed out.");
  }
}

interface Problem {
  title?: string;
  detail?: string;
  errors?: Record<string, string[]>;
}

export const unavailableMessage = "The service is not answering right now. Nothing you typed is lost; try again in a moment.";

/** Reads an RFC 9457 problem; an answer that is not one (a proxy's error page, say) still gets a message a person can act on. */
export async function failureOf(response: Response): Promise<Failure> {
  const problem = await readProblem(response);
  const message = problem.detail ?? problem.title ?? `The service answered ${response.status}.`;
  switch (response.status) {
    case 401:
      return { kind: "signed-out" };
    case 400:
    case 422:
      return { kind: "invalid", message: problem.detail ?? problem.title ?? "Some of what was sent needs a change.", fieldErrors: problem.errors ?? {} };
    case 409:
    case 412:
      return { kind: "changed", status: response.status, message };
    case 404:
      return { kind: "not-found", message };
    case 403:
      return { kind: "forbidden", message };
    case 408:
    case 429:
    case 500:
    case 502:
    case 503:
    case 504:
      return { kind: "unavailable", message: unavailableMessage };
    default:
      return { kind: "refused", status: response.status, message };
  }
}

async function readProblem(response: Response): Promise<Problem> {
  if (!(response.headers.get("Content-Type") ?? "").includes("json"))
    return {};
  try {
    return await response.json() as Problem;
  } catch {
    return {};
  }
}
