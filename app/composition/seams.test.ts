import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The seams of app/ (decision 052), checked on the import graph as TypeScript resolves it:
 * - no runtime import cycle (`import type` / `export type` are erased and do not count);
 * - app/infra is a leaf: it imports nothing else of the app;
 * - app/composition is the root: nothing else imports it (the Remix entry re-exports its hooks;
 *   tests may start the wired app);
 * - documents never import the collaboration feature (collaboration depends on documents).
 */

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const CODE = /\.(ts|tsx|js|mjs|cjs)$/;

function compilerOptions(): ts.CompilerOptions {
  const { config } = ts.readConfigFile("tsconfig.json", ts.sys.readFile);
  return ts.convertCompilerOptionsFromJson(config.compilerOptions, process.cwd()).options;
}

/** Every import and re-export between files of app/ (generated code aside), and the local ones that do not resolve. */
function importGraph() {
  const options = compilerOptions();
  const cache = ts.createModuleResolutionCache(process.cwd(), (name) => name, options);
  const files = (fs.readdirSync("app", { recursive: true }) as string[])
    .map((file) => path.join("app", file))
    .filter((file) => /\.tsx?$/.test(file) && !file.startsWith("app/generated/"));
  const edges: Edge[] = [];
  const unresolved: string[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
    const add = (specifier: string, typeOnly: boolean) => {
      const bare = specifier.replace(/\?.*$/, "");
      const local = /^(~|\.\.?)\//.test(bare);
      // Stylesheets and other assets cannot take part in a cycle.
      if (local && /\.\w+$/.test(bare) && !CODE.test(bare)) return;
      const resolved = ts.resolveModuleName(bare, path.resolve(file), options, ts.sys, cache).resolvedModule;
      if (!resolved) {
        if (local) unresolved.push(`${file} → ${specifier}`);
        return;
      }
      const to = path.relative(process.cwd(), resolved.resolvedFileName);
      if (!resolved.isExternalLibraryImport && to.startsWith("app/")) edges.push({ from: file, to, typeOnly });
    };
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.importClause;
        const bindings = clause?.namedBindings;
        const onlyTypes =
          !!clause &&
          (clause.isTypeOnly ||
            (!clause.name && !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly)));
        add(node.moduleSpecifier.text, onlyTypes);
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.exportClause;
        const onlyTypes = node.isTypeOnly || (!!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((element) => element.isTypeOnly));
        add(node.moduleSpecifier.text, onlyTypes);
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const [argument] = node.arguments;
        if (argument && ts.isStringLiteralLike(argument)) add(argument.text, false);
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
        add(node.argument.literal.text, true);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { files, edges, unresolved };
}

/** The import cycles among `edges`, each as one path that returns to its start (Tarjan's strongly connected components). */
function findCycles(edges: Array<Pick<Edge, "from" | "to">>): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        connect(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || next.get(node)?.includes(node)) components.push(component);
  };
  for (const node of next.keys()) if (!index.has(node)) connect(node);
  // One concrete way round each component (shortest, from its first file in order), easier to read than the set.
  return components.map((component) => {
    const members = new Set(component);
    const start = [...component].sort()[0]!;
    const cameFrom = new Map<string, string>();
    const queue = [start];
    while (queue.length) {
      const node = queue.shift()!;
      for (const to of next.get(node) ?? []) {
        if (!members.has(to) || cameFrom.has(to)) continue;
        cameFrom.set(to, node);
        if (to === start) queue.length = 0;
        else queue.push(to);
      }
    }
    const cycle = [start];
    for (let node = cameFrom.get(start)!; node !== start; node = cameFrom.get(node)!) cycle.unshift(node);
    return [start, ...cycle];
  });
}

let graph: ReturnType<typeof importGraph>;
beforeAll(() => {
  graph = importGraph();
});

const show = (edges: Edge[]) => edges.map((edge) => `${edge.from} → ${edge.to}`);

describe("the seams of app/", () => {
  it("reads the whole app, and every import of it resolves", () => {
    expect(graph.files.length).toBeGreaterThan(300);
    expect(graph.edges.length).toBeGreaterThan(1000);
    expect(graph.edges).toContainEqual({ from: "app/entry.server.tsx", to: "app/composition/app-hooks.server.ts", typeOnly: false });
    // An import that does not resolve would drop out of the graph, and a cycle through it with it.
    expect(graph.unresolved).toEqual([]);
  });

  it("has no runtime import cycle", () => {
    expect(findCycles(graph.edges.filter((edge) => !edge.typeOnly)).map((cycle) => cycle.join(" → "))).toEqual([]);
  });

  it("keeps app/infra a leaf", () => {
    expect(show(graph.edges.filter((edge) => edge.from.startsWith("app/infra/") && !edge.to.startsWith("app/infra/")))).toEqual([]);
  });

  it("lets only the server entry import app/composition", () => {
    const outside = (file: string) => !file.startsWith("app/composition/") && file !== "app/entry.server.tsx" && !isTest(file);
    expect(show(graph.edges.filter((edge) => edge.to.startsWith("app/composition/") && outside(edge.from)))).toEqual([]);
  });

  it("keeps documents free of the collaboration feature", () => {
    expect(show(graph.edges.filter((edge) => edge.from.startsWith("app/documents/") && !isTest(edge.from) && edge.to.startsWith("app/collab/")))).toEqual([]);
  });
});

describe("the cycle finder", () => {
  it("finds each cycle once, as a path back to its start, and nothing in a tree", () => {
    const cycles = findCycles([
      { from: "a", to: "b" },
      { from: "b", to: "c" },
      { from: "c", to: "a" },
      { from: "c", to: "d" },
      { from: "d", to: "d" },
      { from: "e", to: "a" },
    ]);
    expect(cycles.sort()).toEqual([
      ["a", "b", "c", "a"],
      ["d", "d"],
    ]);
    expect(findCycles([{ from: "a", to: "b" }, { from: "a", to: "c" }, { from: "b", to: "c" }])).toEqual([]);
  });
});
