// Cross-checks the operations files against each other, so that a port, a
// path, an image tag or a timeout changed in one place is changed
// everywhere. config/application.yml is the reference for ports, paths and
// timeouts; k8s/base/deployment.yaml for the image.
//
// Usage: node consistency.mjs REPO_ROOT RENDERED_SINGLE.yaml [RENDERED_POSTGRES.yaml]
// Prints one line per check; exit 1 if any failed.

import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { parse, parseAllDocuments } from "yaml";

const root = process.argv[2];
const rendered = process.argv[3];
const renderedPostgres = process.argv[4];
const read = (p) => readFileSync(join(root, p), "utf8");
const yml = (p) => parse(read(p));

let failed = 0;
function check(what, ok, detail = "") {
  if (ok) {
    console.log(`  ok   ${what}`);
  } else {
    failed++;
    console.log(`  FAIL ${what}${detail ? `: ${detail}` : ""}`);
  }
}
const get = (o, path) => path.split(".").reduce((v, k) => (v == null ? undefined : v[k]), o);

// Spring Boot durations (bare number = ms) and data sizes (binary, bare = bytes)
function seconds(v) {
  const m = /^(\d+)\s*(ms|s|m|h|d)?$/.exec(String(v).trim());
  if (!m) throw new Error(`not a duration: ${v}`);
  const f = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 }[m[2] ?? "ms"];
  return Number(m[1]) * f;
}
function bytes(v) {
  const m = /^(\d+)\s*(B|KB|MB|GB|TB|Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(v).trim());
  if (!m) throw new Error(`not a size: ${v}`);
  const f = { B: 1, KB: 2 ** 10, MB: 2 ** 20, GB: 2 ** 30, TB: 2 ** 40, Ki: 2 ** 10, Mi: 2 ** 20,
    Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 }[m[2] ?? "B"];
  return Number(m[1]) * f;
}
// all leaf keys of a YAML tree, dotted ("[chat.fanout]" map keys kept whole)
function keys(o, prefix = "") {
  if (o === null || typeof o !== "object" || Array.isArray(o)) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

// --- the reference: config/application.yml ---------------------------------
const app = yml("config/application.yml");
const chatPort = get(app, "chat.port");
const mgmtPort = get(app, "management.server.port");
const webPort = get(app, "chat.web.port");
const shutdown = seconds(get(app, "chat.shutdown-timeout"));
const LIVENESS = "/actuator/health/liveness";
const READINESS = "/actuator/health/readiness";
const PROMETHEUS = "/actuator/prometheus";
console.log(`  reference: chat port ${chatPort}, management port ${mgmtPort}, shutdown ${shutdown}s`);

const exposed = String(get(app, "management.endpoints.web.exposure.include")).split(",").map((s) => s.trim());
check("application.yml exposes health and prometheus",
  exposed.includes("health") && exposed.includes("prometheus"), exposed.join(","));
check("application.yml enables the liveness/readiness probe groups",
  get(app, "management.endpoint.health.probes.enabled") === true);
// The longest a stop may take: the chat drain, then Spring's other phases.
const stopBound = shutdown + seconds(get(app, "spring.lifecycle.timeout-per-shutdown-phase"));
console.log(`  a stop takes at most about ${stopBound}s (chat.shutdown-timeout + spring.lifecycle.timeout-per-shutdown-phase)`);

// --- Dockerfile --------------------------------------------------------------
const dockerfile = read("docker/Dockerfile");
const instr = dockerfile.replace(/\\\n/g, " ").split("\n").map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"));
const stages = instr.filter((l) => /^FROM\s/i.test(l));
const finalStage = instr.slice(instr.lastIndexOf(stages[stages.length - 1]));
const expose = finalStage.filter((l) => /^EXPOSE\s/i.test(l)).flatMap((l) => l.split(/\s+/).slice(1))
  .map((p) => Number(p.replace(/\/tcp$/, "")));
check(`Dockerfile EXPOSEs ${chatPort} and ${mgmtPort}`,
  expose.includes(chatPort) && expose.includes(mgmtPort), `EXPOSE ${expose.join(" ")}`);
for (const f of stages) {
  const image = f.split(/\s+/)[1].replace("${JAVA_VERSION}", "25");
  check(`Dockerfile base image ${image} has a version tag`, /:[^:]+$/.test(image) && !/:latest$/.test(image));
}
const user = finalStage.filter((l) => /^USER\s/i.test(l)).pop()?.split(/\s+/)[1] ?? "";
check("Dockerfile runtime stage runs as a numeric non-root USER",
  /^[1-9]\d*(:\d+)?$/.test(user), user || "no USER");
const entry = finalStage.find((l) => /^ENTRYPOINT\s/i.test(l)) ?? "";
check("Dockerfile ENTRYPOINT is in exec form (java is PID 1 and gets SIGTERM)", /^ENTRYPOINT\s+\[/.test(entry));
check("Dockerfile runtime stage has a HEALTHCHECK", finalStage.some((l) => /^HEALTHCHECK\s/i.test(l)));
check("Dockerfile extracts layers with jarmode=tools --launcher",
  /-Djarmode=tools .*extract .*--layers .*--launcher/.test(dockerfile.replace(/\\\n/g, " ")));
check("Dockerfile launches Boot's JarLauncher", entry.includes("org.springframework.boot.loader.launch.JarLauncher"));
const workdir = finalStage.filter((l) => /^WORKDIR\s/i.test(l)).pop()?.split(/\s+/)[1];
const version = /ARG VERSION=(\S+)/.exec(dockerfile)?.[1];

// healthcheck.sh
const hc = read("docker/healthcheck.sh");
check(`healthcheck.sh probes ${READINESS} on port ${mgmtPort}`,
  hc.includes(`:-${READINESS}}`) && hc.includes(`MANAGEMENT_SERVER_PORT:-${mgmtPort}}`));

// .dockerignore lets through what the Dockerfile copies
const ignore = read(".dockerignore");
for (const src of ["config/application.yml", "docker/healthcheck.sh", "server-app/", "chat-protocol/"]) {
  check(`.dockerignore lets ${src} into the build context`, ignore.includes(`!${src}`));
}

// --- compose -------------------------------------------------------------
const compose = yml("docker/compose.yaml");
const server = compose.services.server;
const published = (server.ports ?? []).map((p) => Number(String(p).split(":").pop()));
check(`compose publishes container ports ${chatPort}, ${webPort} and ${mgmtPort}`,
  published.includes(chatPort) && published.includes(webPort) && published.includes(mgmtPort), published.join(","));
check(`compose stop_grace_period >= ${stopBound}s`, seconds(server.stop_grace_period) >= stopBound,
  server.stop_grace_period);
check(`compose mounts the data volume at ${workdir}/data`,
  (server.volumes ?? []).some((v) => String(v).split(":")[1] === `${workdir}/data`));
check(`compose mounts config/application.yml at ${workdir}/config/application.yml`,
  (server.volumes ?? []).some((v) => String(v).startsWith("../config/application.yml:")
    && String(v).split(":")[1] === `${workdir}/config/application.yml`));

// --- Prometheus ------------------------------------------------------------
const prom = yml("config/prometheus.yml");
const job = prom.scrape_configs.find((s) => s.job_name === "tcp-chat");
check("prometheus.yml has job tcp-chat", job !== undefined);
if (job) {
  check(`prometheus.yml scrapes ${PROMETHEUS}`, job.metrics_path === PROMETHEUS, job.metrics_path);
  const targets = job.static_configs.flatMap((s) => s.targets);
  check(`prometheus.yml targets the compose service on port ${mgmtPort}`,
    targets.every((t) => t === `server:${mgmtPort}`), targets.join(","));
}
const alerts = read("config/alerts.yml");
check('alerts.yml selects job="tcp-chat"', alerts.includes('job="tcp-chat"'));

// --- Kubernetes (rendered overlays/single) ----------------------------------
const objs = parseAllDocuments(readFileSync(rendered, "utf8")).map((d) => d.toJS()).filter(Boolean);
const find = (kind, pred = () => true) => objs.filter((o) => o.kind === kind && pred(o));
const deploy = find("Deployment")[0];
const pod = deploy.spec.template.spec;
const ctr = pod.containers[0];
const cport = (name) => ctr.ports.find((p) => p.name === name)?.containerPort;
check(`Deployment container port "chat" = ${chatPort}`, cport("chat") === chatPort, cport("chat"));
check(`Deployment container port "web" = ${webPort}`, cport("web") === webPort, cport("web"));
check(`Deployment container port "management" = ${mgmtPort}`, cport("management") === mgmtPort, cport("management"));
for (const [probe, path] of [["startupProbe", LIVENESS], ["livenessProbe", LIVENESS], ["readinessProbe", READINESS]]) {
  const p = ctr[probe]?.httpGet;
  check(`Deployment ${probe} GETs ${path} on the management port`,
    p?.path === path && (p?.port === "management" || p?.port === mgmtPort), JSON.stringify(p));
}
check(`Deployment terminationGracePeriodSeconds >= ${stopBound}s`,
  pod.terminationGracePeriodSeconds >= stopBound, `${pod.terminationGracePeriodSeconds}s`);
const sc = pod.securityContext ?? {};
check(`Deployment runs as the image's user ${user}`, `${sc.runAsUser}:${sc.runAsGroup}` === user
  || String(sc.runAsUser) === user, `${sc.runAsUser}:${sc.runAsGroup}`);
check("Deployment runAsNonRoot and readOnlyRootFilesystem",
  sc.runAsNonRoot === true && ctr.securityContext?.readOnlyRootFilesystem === true);
const mounts = Object.fromEntries(ctr.volumeMounts.map((m) => [m.mountPath, m.name]));
check("Deployment mounts a writable volume at /tmp", mounts["/tmp"] !== undefined);
check(`Deployment mounts the data volume at ${workdir}/data`, mounts[`${workdir}/data`] === "data");
const dataVol = pod.volumes.find((v) => v.name === "data");
const pvcName = dataVol?.persistentVolumeClaim?.claimName;
const pvc = find("PersistentVolumeClaim", (o) => o.metadata.name === pvcName)[0];
check("overlays/single puts the data volume on its PersistentVolumeClaim", pvc !== undefined, pvcName);
const quota = bytes(get(app, "chat.files.quota"));
if (pvc) {
  check("PersistentVolumeClaim is larger than chat.files.quota",
    bytes(pvc.spec.resources.requests.storage) > quota, `${pvc.spec.resources.requests.storage} vs ${get(app, "chat.files.quota")}`);
}
check("overlays/single runs one replica", deploy.spec.replicas === 1);

// The ConfigMap: mounted where SPRING_CONFIG_ADDITIONAL_LOCATION looks, and
// only keys that config/application.yml documents.
const cmVol = pod.volumes.find((v) => v.configMap);
const cm = find("ConfigMap", (o) => o.metadata.name === cmVol?.configMap?.name)[0];
const cmMount = ctr.volumeMounts.find((m) => m.name === cmVol?.name)?.mountPath;
const addLoc = ctr.env?.find((e) => e.name === "SPRING_CONFIG_ADDITIONAL_LOCATION")?.value ?? "";
check("ConfigMap is mounted where SPRING_CONFIG_ADDITIONAL_LOCATION points",
  cm !== undefined && addLoc.replace(/^optional:/, "").replace(/^file:/, "") === `${cmMount}/`,
  `${addLoc} vs ${cmMount}`);
if (cm) {
  const over = parse(cm.data["application.yml"]);
  const known = new Set(keys(app));
  const unknown = keys(over).filter((k) => !known.has(k));
  check("every key of the k8s application.yml is documented in config/application.yml",
    unknown.length === 0, unknown.join(", "));
  const dir = get(over, "chat.files.dir");
  if (dir) check(`k8s chat.files.dir is on the data volume (${workdir}/data)`, dir.startsWith(`${workdir}/data/`), dir);
}

// Services and the ServiceMonitor
for (const svc of find("Service")) {
  for (const p of svc.spec.ports) {
    check(`Service ${svc.metadata.name} port ${p.port} targets a container port`,
      ctr.ports.some((c) => c.name === p.targetPort || c.containerPort === p.targetPort), p.targetPort);
  }
}
const sm = find("ServiceMonitor")[0];
if (sm) {
  const ep = sm.spec.endpoints[0];
  check(`ServiceMonitor scrapes ${PROMETHEUS}`, ep.path === PROMETHEUS, ep.path);
  const matched = find("Service", (s) => Object.entries(sm.spec.selector.matchLabels)
    .every(([k, v]) => s.metadata.labels?.[k] === v));
  check("ServiceMonitor selects exactly the management Service",
    matched.length === 1 && matched[0].spec.ports.some((p) => p.name === ep.port && p.port === mgmtPort),
    matched.map((s) => s.metadata.name).join(","));
  check('ServiceMonitor job label resolves to "tcp-chat", as the alerts expect',
    matched[0]?.metadata.labels?.[sm.spec.jobLabel] === "tcp-chat");
}

// The NetworkPolicy: on the server's pods, chat open to all, management
// only from a peer that is not the server itself (Kustomize's selector
// labels must not have leaked into the peer's selector).
const np = find("NetworkPolicy")[0];
check("a NetworkPolicy is rendered", np !== undefined);
if (np) {
  const podLabels = deploy.spec.template.metadata.labels;
  const sel = np.spec.podSelector.matchLabels ?? {};
  check("NetworkPolicy selects the Deployment's pods",
    Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => podLabels[k] === v), JSON.stringify(sel));
  const rules = np.spec.ingress ?? [];
  const portsOf = (r) => (r.ports ?? []).map((p) => p.port);
  const open = rules.filter((r) => !r.from);
  check('NetworkPolicy lets anyone reach "chat" and "web" and nothing else',
    open.length === 1 && JSON.stringify(portsOf(open[0])) === '["chat","web"]', JSON.stringify(open.map(portsOf)));
  const mgmt = rules.filter((r) => portsOf(r).includes("management"));
  const peers = mgmt.flatMap((r) => r.from ?? []);
  check('NetworkPolicy lets only peers with a namespace and a pod selector reach "management"',
    mgmt.length === 1 && peers.length > 0
      && peers.every((f) => f.namespaceSelector && (f.podSelector?.matchExpressions ?? []).length > 0),
    JSON.stringify(peers));
  check("NetworkPolicy's management peers select no pod by the server's own labels",
    peers.every((f) => Object.keys(f.podSelector?.matchLabels ?? {}).length === 0), JSON.stringify(peers));
}

// --- PostgreSQL: compose and overlays/postgres ---------------------------------
// Both run the server with the "postgres" profile and the connection in
// SPRING_DATASOURCE_* variables (server-app's application-postgres.yml).
const envOf = (list) => Object.fromEntries((list ?? []).map((e) => [e.name, e]));
{
  const senv = server.environment ?? {};
  check("compose runs the server with the postgres profile", senv.SPRING_PROFILES_ACTIVE === "postgres",
    senv.SPRING_PROFILES_ACTIVE);
  const m = /^jdbc:postgresql:\/\/([^:/]+)(?::(\d+))?\/([^?]+)/.exec(senv.SPRING_DATASOURCE_URL ?? "");
  const db = m && compose.services[m[1]];
  check("compose SPRING_DATASOURCE_URL names a compose service", Boolean(db), senv.SPRING_DATASOURCE_URL);
  if (db) {
    const denv = db.environment ?? {};
    check(`compose: the database, user and password of the server are those ${m[1]} creates`,
      denv.POSTGRES_DB === m[3] && denv.POSTGRES_USER === senv.SPRING_DATASOURCE_USERNAME
        && denv.POSTGRES_PASSWORD === senv.SPRING_DATASOURCE_PASSWORD,
      `${m[3]}/${senv.SPRING_DATASOURCE_USERNAME} vs ${denv.POSTGRES_DB}/${denv.POSTGRES_USER}`);
    check(`compose starts the server once ${m[1]} is healthy`,
      server.depends_on?.[m[1]]?.condition === "service_healthy" && db.healthcheck !== undefined);
    check(`compose keeps ${m[1]} unpublished and its data on a volume`,
      (db.ports ?? []).length === 0 && (db.volumes ?? []).some((v) => String(v).split(":")[0] in (compose.volumes ?? {})));
  }
}
if (renderedPostgres) {
  const pobjs = parseAllDocuments(readFileSync(renderedPostgres, "utf8")).map((d) => d.toJS()).filter(Boolean);
  const pdeploy = pobjs.find((o) => o.kind === "Deployment");
  const pctr = pdeploy.spec.template.spec.containers[0];
  const penv = envOf(pctr.env);
  check("overlays/postgres sets the postgres profile", penv.SPRING_PROFILES_ACTIVE?.value === "postgres");
  check("overlays/postgres points SPRING_DATASOURCE_URL at PostgreSQL",
    /^jdbc:postgresql:\/\//.test(penv.SPRING_DATASOURCE_URL?.value ?? ""), penv.SPRING_DATASOURCE_URL?.value);
  for (const v of ["SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD"]) {
    check(`overlays/postgres takes ${v} from a Secret`, penv[v]?.valueFrom?.secretKeyRef?.name !== undefined
      && penv[v]?.value === undefined);
  }
  // Apart from those variables, the same objects as overlays/single.
  const strip = (list) => list.map((o) => {
    const c = structuredClone(o);
    if (c.kind === "Deployment") {
      const k = c.spec.template.spec.containers[0];
      k.env = (k.env ?? []).filter((e) => !e.name.startsWith("SPRING_DATASOURCE_") && e.name !== "SPRING_PROFILES_ACTIVE");
    }
    return JSON.stringify(c);
  }).sort();
  check("overlays/postgres renders overlays/single plus only those variables",
    JSON.stringify(strip(pobjs)) === JSON.stringify(strip(objs)));
}

// --- one image name everywhere ------------------------------------------------
const image = ctr.image;
check("the image has a version tag", /^[^:]+:\d+\.\d+\.\d+/.test(image), image);
check("compose builds and runs the same image as Kubernetes", server.image === image, `${server.image} vs ${image}`);
check("Dockerfile VERSION matches the image tag", image.endsWith(`:${version}`), `${version} vs ${image}`);
const versionLabel = deploy.metadata.labels?.["app.kubernetes.io/version"];
check("the app.kubernetes.io/version label matches the image tag", image.endsWith(`:${versionLabel}`),
  `${versionLabel} vs ${image}`);
const docs = read("docs/operations.md");
check("docs/operations.md names the same image", docs.includes(image));

// --- metrics: what alerts and the dashboard use is documented --------------------
const documented = new Set([...docs.matchAll(/^\|\s*`(chat_[a-z_]+)(\{[^`]*\})?`/gm)].map((m) => m[1]));
check("docs/operations.md has a metrics table", documented.size > 0);
const dashboard = read("config/grafana/dashboards/tcp-chat.json");
const used = new Set([...`${alerts}\n${dashboard}`.matchAll(/\b(chat_[a-z_]+)\b/g)]
  .map((m) => m[1].replace(/_(bucket|count|sum|max)$/, "")));
const undocumented = [...used].filter((n) => !documented.has(n));
check(`the ${used.size} chat_* metrics of alerts.yml and the dashboard are documented`,
  undocumented.length === 0, undocumented.join(", "));

if (failed > 0) {
  console.log(`  ${failed} consistency check(s) failed`);
  process.exit(1);
}
