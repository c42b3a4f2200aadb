import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

type Imports = ReadonlyMap<string, readonly string[]>;

const source = fileURLToPath(new URL("../src/", import.meta.url));

/**
 * Who imports whom in web/src, by path relative to it. Type-only imports count: they are erased from the build, but a
 * cycle through them is still two modules that cannot be understood one without the other.
 */
function importsOf(folder: string): Imports {
  const files = readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter(file => file.endsWith(".ts"))
    .map(file => join(folder, file));
  return new Map(files.map(file => {
    const specifiers = ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles.map(imported => imported.fileName);
    const targets = specifiers
      .filter(specifier => specifier.startsWith("."))
      .map(specifier => moduleAt(resolve(dirname(file), specifier)))
      .filter(target => target !== undefined)
      .map(target => name(folder, target));
    return [name(folder, file), targets];
  }));
}

/** A module's path within the folder, written the same on every system. */
function name(folder: string, file: string): string {
  return relative(folder, file).split(sep).join("/");
}

/** The TypeScript module a relative specifier names, as the bundler resolves it; none for a stylesheet or a typo. */
function moduleAt(path: string): string | undefined {
  return [path, `${path}.ts`, join(path, "index.ts")].find(candidate => candidate.endsWith(".ts") && existsSync(candidate));
}

/** The import cycles, each as the path from a module back to itself; none when the modules form layers. */
function cyclesIn(imports: Imports): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const visit = (module: string, path: string[]): void => {
    const seenAt = path.indexOf(module);
    if (seenAt >= 0) {
      cycles.push([...path.slice(seenAt), module]);
      return;
    }
    if (done.has(module))
      return;
    for (const imported of imports.get(module) ?? [])
      visit(imported, [...path, module]);
    done.add(module);
  };
  for (const module of [...imports.keys()].sort())
    visit(module, []);
  return cycles;
}

describe("web/src's imports", () => {
  it("form no cycle", () => {
    const imports = importsOf(source);
    expect(imports.get("main.ts"), "the walk did not find web/src/main.ts").toContain("app.ts");
    expect(cyclesIn(imports).map(cycle => cycle.join(" > "))).toEqual([]);
  });

  it("are walked far enough to find a cycle, type-only imports included", () => {
    const imports = new Map([
      ["app.ts", ["views/home.ts"]],
      ["views/home.ts", ["ui/dom.ts", "app.ts"]],
      ["ui/dom.ts", []],
    ]);
    expect(cyclesIn(imports)).toEqual([["app.ts", "views/home.ts", "app.ts"]]);
    expect(importsOf(source).get("views/orderPage.ts")).toContain("views/page.ts");
  });
});
