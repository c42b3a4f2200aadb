import "./styles.css";
import { App } from "./app";
import { loadSettings } from "./settings";

const main = document.querySelector<HTMLElement>("main")!;

function showBroken(message: string): void {
  const problem = document.createElement("div");
  problem.className = "problem";
  problem.setAttribute("role", "alert");
  const text = document.createElement("p");
  text.textContent = message;
  const reload = document.createElement("button");
  reload.type = "button";
  reload.textContent = "Reload the page";
  reload.addEventListener("click", () => location.reload());
  problem.append(text, reload);
  main.removeAttribute("aria-busy");
  main.replaceChildren(problem);
}

// whatever escapes a page still leaves a message and a way on, never a blank screen or a stack trace
window.addEventListener("error", () => showBroken("Something went wrong on this page. Reload it to go on."));
window.addEventListener("unhandledrejection", () => showBroken("Something went wrong on this page. Reload it to go on."));

try {
  await new App(await loadSettings()).render();
} catch {
  showBroken("The app could not start: its settings did not load. Reload the page in a moment.");
}
