// Validates rendered Kubernetes manifests (kubectl kustomize output) against
// the Kubernetes API schemas, offline, in two passes:
//
//  1. schema: each object is checked by the JSON-schema validator that the
//     npm package kubernetes-models (or @kubernetes-models/prometheus-operator
//     for ServiceMonitor) generated from the API's OpenAPI definitions:
//     required fields, types, enums, int-or-string and so on.
//  2. strict: the same objects are written out as TypeScript object literals
//     typed with those packages' interfaces and type-checked with tsc, which
//     rejects every field the API does not know (a misspelt "readinesProbe"
//     that the API server would silently drop), as kubeconform -strict does.
//
// Usage: node .ci/ops/validate-k8s.mjs RENDERED.yaml...
// The packages come from .ci/ops/node_modules (.ci/checks-ops.sh installs
// them from .ci/ops/package.json).
// Exit 0 when every object passes, 1 otherwise.

import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const files = process.argv.slice(2);
if (files.length === 0) {
  console.log("usage: validate-k8s.mjs RENDERED.yaml...");
  process.exit(2);
}

// apiVersion -> module folder holding one module per kind
function modulePath(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group === "monitoring.coreos.com") {
    return `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`;
  }
  return group === "" ? `kubernetes-models/${version}/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
}

const objects = [];
const source = new Map();
for (const file of files) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length > 0) {
      console.log(`${file}: YAML error: ${doc.errors[0].message}`);
      process.exit(1);
    }
    const o = doc.toJS();
    if (o == null) continue;
    objects.push(o);
    source.set(o, file);
  }
}

let failures = 0;
const fail = (o, msg) => {
  failures++;
  console.log(`  FAIL ${source.get(o)}: ${o.kind}/${o.metadata?.name ?? "?"}: ${msg}`);
};

// --- pass 1: JSON schema -------------------------------------------------
const typed = [];
for (const o of objects) {
  if (!o.apiVersion || !o.kind) {
    fail(o, "no apiVersion or kind");
    continue;
  }
  const path = modulePath(o.apiVersion, o.kind);
  let mod;
  try {
    mod = await import(path);
  } catch {
    fail(o, `no schema for ${o.apiVersion} ${o.kind} (unknown kind or API version)`);
    continue;
  }
  const Model = mod[o.kind];
  try {
    new Model(o).validate();
  } catch (e) {
    fail(o, `schema: ${e.message}`);
  }
  typed.push({ o, path });
}
console.log(`  schema: ${objects.length} objects checked`);

// --- pass 2: no unknown fields (TypeScript excess-property check) ----------
// Each object becomes `export const oN: IKind = {...};`, one property or
// array element a line, with the JSON path of every line remembered so that
// an error can name the field.
const lines = [];
const where = [];
typed.forEach(({ o, path }, i) => {
  lines.push(`import type { I${o.kind} as T${i} } from ${JSON.stringify(path)};`);
  where.push(null);
});
function emit(value, indent, label, prefix) {
  const pad = "  ".repeat(indent);
  if (Array.isArray(value)) {
    lines.push(`${pad}${prefix}[`);
    where.push(label);
    value.forEach((v, j) => emit(v, indent + 1, `${label}[${j}]`, ""));
    lines.push(`${pad}],`);
    where.push(label);
  } else if (value !== null && typeof value === "object") {
    lines.push(`${pad}${prefix}{`);
    where.push(label);
    for (const [k, v] of Object.entries(value)) {
      emit(v, indent + 1, label === "" ? k : `${label}.${k}`, `${JSON.stringify(k)}: `);
    }
    lines.push(`${pad}},`);
    where.push(label);
  } else {
    lines.push(`${pad}${prefix}${JSON.stringify(value)},`);
    where.push(label);
  }
}
const owner = [];
typed.forEach(({ o }, i) => {
  const start = lines.length;
  lines.push(`export const o${i}: T${i} = {`);
  where.push("");
  for (const [k, v] of Object.entries(o)) emit(v, 1, k, `${JSON.stringify(k)}: `);
  lines.push("};");
  where.push("");
  owner.push({ o, start, end: lines.length });
});

// inside .ci/ops, so that tsc resolves the packages from its node_modules
const dir = mkdtempSync(join(here, ".strict-"));
try {
  const ts = join(dir, "manifests.ts");
  writeFileSync(ts, lines.join("\n") + "\n");
  let out = "";
  try {
    execFileSync(
      join(here, "node_modules/.bin/tsc"),
      ["--noEmit", "--strict", "--skipLibCheck", "--target", "es2022", "--module", "esnext",
       "--moduleResolution", "bundler", ts],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
  } catch (e) {
    out = (e.stdout || "") + (e.stderr || "");
    if (!out.trim()) out = String(e);
  }
  // manifests.ts(LINE,COL): error TSxxxx: message (continuation lines indented)
  const re = /manifests\.ts\((\d+),(\d+)\): error (TS\d+): (.*)/;
  for (const l of out.split("\n")) {
    const m = re.exec(l);
    if (!m) continue;
    const n = Number(m[1]) - 1;
    const obj = owner.find((w) => n >= w.start && n < w.end);
    if (!obj) {
      failures++;
      console.log(`  FAIL ${m[3]}: ${m[4]}`);
      continue;
    }
    fail(obj.o, `strict: at ${where[n] || "(top)"}: ${m[4]}`);
  }
  if (out.trim() && !re.test(out)) {
    failures++;
    console.log(`  FAIL tsc: ${out.trim().split("\n").slice(0, 5).join(" | ")}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`  strict: ${typed.length} objects checked for unknown fields`);

if (failures > 0) {
  console.log(`  ${failures} problem(s)`);
  process.exit(1);
}
for (const o of objects) console.log(`  ok ${source.get(o)}: ${o.apiVersion} ${o.kind}/${o.metadata?.name}`);
