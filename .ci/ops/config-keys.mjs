// Checks config/application.yml against the configuration metadata inside
// the built server jar (META-INF/spring-configuration-metadata.json, written
// by spring-boot-configuration-processor for chat.* and shipped by Spring
// Boot's own jars for spring.*, server.*, management.*, logging.*):
//
//  - every key in the file is a real property (a typo would be ignored by
//    Spring and silently keep the default);
//  - every chat.* property of the server appears in the file, which is the
//    operator's manual and must not miss one;
//  - where the metadata knows a chat.* default, the file shows that default,
//    as its header promises.
//
// Usage: node .ci/ops/config-keys.mjs SERVER_EXEC_JAR config/application.yml
// Exit 0: all good; 1: a check failed; 3: the jar has no chat.* metadata
// (the configuration processor did not run), nothing was checked.

import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";
import { parse } from "yaml";

const [jar, configFile] = process.argv.slice(2);
const unzip = (args) => execFileSync("unzip", args, { encoding: "utf8", maxBuffer: 64 << 20 });

// metadata files of the application and of the libraries that have one
const props = new Map();
const add = (json) => {
  for (const p of JSON.parse(json).properties ?? []) props.set(p.name, p);
};
const entries = unzip(["-Z1", jar]).split("\n");
for (const e of entries.filter((e) => /^(BOOT-INF\/classes\/)?META-INF\/(additional-)?spring-configuration-metadata\.json$/.test(e))) {
  add(unzip(["-p", jar, e]));
}
const tmp = mkdtempSync(join(tmpdir(), "config-keys-"));
try {
  const libs = entries.filter((e) => /^BOOT-INF\/lib\/spring-boot[^/]*\.jar$/.test(e));
  if (libs.length > 0) execFileSync("unzip", ["-q", "-o", jar, ...libs, "-d", tmp]);
  for (const lib of libs) {
    const inner = join(tmp, lib);
    const names = unzip(["-Z1", inner]).split("\n");
    if (names.includes("META-INF/spring-configuration-metadata.json")) {
      add(unzip(["-p", inner, "META-INF/spring-configuration-metadata.json"]));
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
const chatProps = [...props.keys()].filter((k) => k.startsWith("chat.")).length;
console.log(`  ${props.size} properties known to the jar (${chatProps} under chat.)`);
if (chatProps === 0) {
  // javac runs annotation processors found on the class path only when
  // asked to since JDK 23, so the metadata is missing unless the build
  // passes -proc:full (maven.compiler.proc=full).
  console.log("  the jar has no chat.* configuration metadata: spring-boot-configuration-processor did not run"
    + " (on JDK 23+ it needs <maven.compiler.proc>full</maven.compiler.proc> in server-app/pom.xml)");
  process.exit(3);
}

function keys(o, prefix = "") {
  if (o === null || typeof o !== "object" || Array.isArray(o)) return [[prefix, o]];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}
const config = keys(parse(readFileSync(configFile, "utf8")));

// a key is known if it is a property, or sits under a Map-typed property
// (management.metrics.tags.application, logging.level.root)
const isKnown = (k) => {
  if (props.has(k)) return true;
  const parts = k.split(".");
  for (let i = parts.length - 1; i > 0; i--) {
    const p = props.get(parts.slice(0, i).join("."));
    if (p?.type?.startsWith("java.util.Map")) return true;
  }
  return false;
};

let failed = 0;
const report = (ok, what, detail) => {
  if (!ok) failed++;
  console.log(`  ${ok ? "ok  " : "FAIL"} ${what}${!ok && detail ? `: ${detail}` : ""}`);
};

const unknown = config.map(([k]) => k).filter((k) => !isKnown(k));
report(unknown.length === 0, `the ${config.length} keys of ${configFile} are properties of the server`, unknown.join(", "));

const documented = new Set(config.map(([k]) => k));
const missing = [...props.keys()].filter((k) => k.startsWith("chat.") && !documented.has(k));
report(missing.length === 0, `every chat.* property is in ${configFile}`, missing.join(", "));

// defaults: compare as the server would read them (sizes and durations
// normalised, so 1MB = 1048576B and 120s = 2m; lists as "a,b")
const norm = (v) => {
  // lists: a YAML sequence in the file, "[a, b]" in the metadata
  if (Array.isArray(v)) return v.map((e) => String(e).trim()).join(",");
  const list = /^\[(.*)\]$/.exec(String(v).trim());
  if (list) return list[1].split(",").map((e) => e.trim()).filter((e) => e !== "").join(",");
  const s = String(v).trim();
  const size = /^(\d+)(B|KB|MB|GB|TB)$/.exec(s);
  if (size) return Number(size[1]) * 1024 ** ["B", "KB", "MB", "GB", "TB"].indexOf(size[2]);
  const dur = /^(\d+)(ms|s|m|h|d)$/.exec(s);
  if (dur) return Number(dur[1]) * { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[dur[2]];
  return s;
};
const differ = config.filter(([k, v]) => k.startsWith("chat.") && props.get(k)?.defaultValue !== undefined
  && norm(props.get(k).defaultValue) !== norm(v))
  .map(([k, v]) => `${k}: file ${v}, server ${props.get(k).defaultValue}`);
report(differ.length === 0, "chat.* values in the file are the server's defaults", differ.join("; "));

process.exit(failed > 0 ? 1 : 0);
