// The WebSocket to /ws: one CHAT/1 JSON event per text message. Logs in with hello, pings
// within the idle timeout, and after a drop reconnects with `since` (the last seq seen), so
// that the server replays exactly what was missed.

const PING_MS = 30000;

export class Connection {
  /**
   * @param {object} login {user, password?} (the password stays in memory, never in storage or a URL)
   * @param {object} handlers onEvent(event), onState(text, connected), onFatal(error)
   * @param {() => number|null} lastSeq the newest seq the page has, for `since`
   */
  constructor(login, handlers, lastSeq) {
    this.login = login;
    this.handlers = handlers;
    this.lastSeq = lastSeq;
    this.ws = null;
    this.nextRef = 1;
    this.retryMs = 500;
    this.loggedInOnce = false;
    this.stopped = false;
    this.pingTimer = null;
  }

  start() {
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    clearInterval(this.pingTimer);
    if (this.ws) {
      this.send({ type: "bye" });
      this.ws.close();
    }
  }

  /** Sends a request; returns the ref it carries. */
  send(event) {
    const ref = event.ref ?? "r" + this.nextRef++;
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify({ ...event, ref }));
    }
    return ref;
  }

  connected() {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  open() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(`${scheme}//${location.host}/ws`);
    this.ws = ws;
    this.handlers.onState("connecting…", false);
    ws.onopen = () => {
      const hello = { type: "hello", v: 1, user: this.login.user, client: "tcp-chat web", features: ["rooms"] };
      if (this.login.password) hello.password = this.login.password;
      const since = this.lastSeq();
      if (this.loggedInOnce && since !== null) hello.since = since;
      this.send(hello);
    };
    ws.onmessage = (m) => {
      let event;
      try {
        event = JSON.parse(m.data, keepFileIds);
      } catch {
        return;
      }
      if (event.type === "welcome") {
        this.loggedInOnce = true;
        this.retryMs = 500;
        this.handlers.onState("connected", true);
        clearInterval(this.pingTimer);
        this.pingTimer = setInterval(() => this.send({ type: "ping" }), PING_MS);
      } else if (event.type === "error" && !this.loggedInOnce && isLoginError(event.code)) {
        // a refused first login: say why and do not retry with the same name or password
        this.stopped = true;
        this.handlers.onFatal(event);
      }
      this.handlers.onEvent(event);
    };
    ws.onclose = () => {
      clearInterval(this.pingTimer);
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.stopped) {
        this.handlers.onState("disconnected", false);
        return;
      }
      const wait = this.retryMs;
      this.retryMs = Math.min(this.retryMs * 2, 10000);
      this.handlers.onState(`disconnected; reconnecting in ${Math.round(wait / 100) / 10} s`, false);
      setTimeout(() => {
        if (!this.stopped) this.open();
      }, wait);
    };
  }
}

function isLoginError(code) {
  return ["auth_required", "auth_failed", "name_invalid", "name_taken", "unsupported_version", "too_many_connections"].includes(code);
}

/**
 * File ids are 63-bit numbers, past what a JavaScript number holds exactly: kept as the digits
 * the server sent (JSON.parse's source text), never rounded.
 */
function keepFileIds(key, value, context) {
  return key === "file" && typeof value === "number" && context?.source ? context.source : value;
}
