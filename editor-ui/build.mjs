// Bundles the editor into fixed file names (editor.js, editor.css) that the Qute pages include, and writes
// templates.json: the example flows of flows-examples/ with their sample calls, offered as "New from template".
//   node build.mjs [--outdir=DIR] [--watch]
import * as esbuild from "esbuild";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split("=").slice(1).join("=");
const outdir = resolve(option("outdir") ?? join(here, "target/classes/META-INF/resources/editor/assets"));
const watch = args.includes("--watch");

function templates() {
  const examples = resolve(here, "../flows-examples");
  if (!existsSync(examples)) return [];
  return readdirSync(examples, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(examples, entry.name, "flow.json")))
    .map((entry) => {
      const folder = join(examples, entry.name);
      const calls = readdirSync(folder).filter((f) => /^call-.*\.json$/.test(f)).sort();
      return {
        id: entry.name,
        flow: JSON.parse(readFileSync(join(folder, "flow.json"), "utf8")),
        calls: calls.map((f) => ({ name: f.replace(/^call-|\.json$/g, ""), call: JSON.parse(readFileSync(join(folder, f), "utf8")) })),
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

mkdirSync(outdir, { recursive: true });
writeFileSync(join(outdir, "templates.json"), JSON.stringify(templates()));

const options = {
  entryPoints: { editor: join(here, "web/main.jsx") },
  outdir,
  bundle: true,
  format: "iife",
  target: ["es2020"],
  jsx: "automatic",
  minify: !watch,
  sourcemap: watch ? "inline" : false,
  legalComments: "none",
  define: { "process.env.NODE_ENV": watch ? '"development"' : '"production"' },
  loader: { ".svg": "text" },
  logLevel: "info",
};

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
}
