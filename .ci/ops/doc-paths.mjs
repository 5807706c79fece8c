// Checks that the files the documentation and the comments point at exist.
//
//  - every relative Markdown link [text](path) in a *.md file resolves, from
//    the folder of that file (anchors ignored);
//  - every path that starts with a top-level folder of this repository
//    (docs/, config/, k8s/, server-app/, ...) names a file or folder that
//    exists, in *.md files, the operations files (config/, docker/, k8s/,
//    .ci/) and the Java sources;
//  - every bare Markdown file name names a file of this repository: the
//    shared design documents are not part of it, so a line that names one of
//    them must say where they are (shared/design, beside the checkout).
//
// Build outputs (.../target/...) are not checked; in Java only comments are.
//
// And that every chat.* setting the Markdown documents name in backticks
// (`chat.limits.sendq`, `chat.history.retention.*`) is a setting of
// config/application.yml, or a group of them: the file that checks-ops
// compares with the server's own list of settings (config-keys.mjs). Design
// proposals (docs/design/) are left out: they name the settings they will add.
//
// Usage: node .ci/ops/doc-paths.mjs ROOT
// Exit 0 when every reference resolves, 1 otherwise (each one is listed).

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, normalize } from "node:path";
import { parse } from "yaml";

const root = process.argv[2] ?? ".";
const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" })
  .split("\n").filter(Boolean).filter((f) => existsSync(join(root, f)));
const names = new Set(files.map((f) => basename(f)));
const tops = new Set(files.filter((f) => f.includes("/")).map((f) => f.split("/")[0]));
const exists = (p) => existsSync(join(root, p));

const scanned = files.filter((f) => f.endsWith(".md")
  || /^(config|docker|k8s|\.ci)\//.test(f) && !f.includes("node_modules/") && !f.endsWith(".json")
  || /\/src\/(main|test)\/java\/.*\.java$/.test(f))
  .filter((f) => f !== ".ci/ops/doc-paths.mjs");

const problems = [];
let refs = 0;
for (const file of scanned) {
  const text = readFileSync(join(root, file), "utf8");
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    const where = `${file}:${i + 1}`;
    if (file.endsWith(".java") && !/^\s*(\*|\/\/|\/\*)/.test(line)) return;
    if (line.startsWith("# syntax=")) return; // a Dockerfile's frontend image
    if (file.endsWith(".md")) {
      for (const m of line.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1].split("#")[0];
        if (target === "" || /^[a-z]+:/.test(target)) continue;
        refs++;
        const resolved = normalize(join(dirname(file), target));
        if (!resolved.startsWith("..") && !exists(resolved)) problems.push(`${where}: link to ${m[1]}: no such file`);
      }
    }
    for (const m of line.matchAll(/(?<![\w./-])((?:[\w.-]+\/)+[\w.*-]*)/g)) {
      const path = m[1].replace(/[.,:;]+$/, "");
      const top = path.split("/")[0];
      if (!tops.has(top) || path.includes("...") || path.includes("*") || path.includes("/target/")) continue;
      // Java packages and URLs are not paths; a folder of the image is not either.
      if (/^(io|org|java|jakarta)\//.test(path)) continue;
      refs++;
      if (!exists(path)) problems.push(`${where}: ${path}: no such file or folder`);
    }
    for (const m of line.matchAll(/(?<![\w./-])([\w-]+\.md)\b/g)) {
      if (/^[A-Z]+\.md$/.test(m[1]) && line.includes("shared")) continue; // shared/design, named as such
      refs++;
      if (!names.has(m[1])) problems.push(`${where}: ${m[1]}: no file of that name in this repository`);
    }
  });
}
// chat.* settings named in the Markdown documents
const leaves = (o, prefix) => (o !== null && typeof o === "object" && !Array.isArray(o)
  ? Object.entries(o).flatMap(([k, v]) => leaves(v, `${prefix}.${k}`)) : [prefix]);
const settings = leaves(parse(readFileSync(join(root, "config/application.yml"), "utf8")).chat, "chat");
const known = (name) => settings.some((k) => k === name || k.startsWith(`${name}.`));
let named = 0;
// docs/design/ holds proposals for work not done yet: they name the settings they will add
for (const file of files.filter((f) => f.endsWith(".md") && !f.startsWith("docs/design/"))) {
  readFileSync(join(root, file), "utf8").split("\n").forEach((line, i) => {
    for (const m of line.matchAll(/`(chat(?:\.[a-z][a-z0-9-]*)+)(?:\.\*)?[`=\s]/g)) {
      named++;
      if (!known(m[1])) problems.push(`${file}:${i + 1}: ${m[1]}: no such setting in config/application.yml`);
    }
  });
}

if (problems.length > 0) {
  for (const p of problems) console.log(`  FAIL ${p}`);
  process.exit(1);
}
console.log(`  ok   ${refs} references to files in ${scanned.length} files resolve; `
  + `${named} chat.* settings named in the Markdown files are in config/application.yml`);
