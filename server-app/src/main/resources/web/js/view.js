// Rendering. Every piece of text from the server goes into the DOM through textContent or an
// attribute set by setAttribute on a fixed name: no markup is ever built from user data.

/** An element with a class, text and children; text is set as text, never parsed. */
export function el(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  if (options.class) node.className = options.class;
  if (options.text != null) node.textContent = String(options.text);
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, String(value));
  for (const child of children) if (child) node.append(child);
  return node;
}

function time(ts) {
  const d = ts ? new Date(ts) : new Date();
  return el("time", {
    text: d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }),
    attrs: { datetime: d.toISOString(), title: d.toLocaleString() },
  });
}

export function size(bytes) {
  const units = ["B", "KiB", "MiB", "GiB"];
  let v = bytes, u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return (u === 0 ? v : v.toFixed(1)) + " " + units[u];
}

/** One line of a conversation. */
export function itemNode(item) {
  const li = el("li", { class: "item " + item.kind, attrs: item.seq != null ? { "data-seq": item.seq } : {} });
  li.append(time(item.ts));
  if (item.kind === "system") {
    li.append(el("span", { class: "text", text: item.text }));
  } else if (item.kind === "action") {
    li.append(el("span", { class: "text", text: `* ${item.from} ${item.text}` }));
  } else if (item.kind === "file") {
    li.append(el("span", { class: "from", text: item.from }));
    const link = el("a", { class: "file", text: item.name,
      attrs: { href: `/files/${encodeURIComponent(String(item.file))}`, download: item.name } });
    li.append(el("span", { class: "text" }, [link, el("span", { class: "size", text: ` (${size(item.size)})` })]));
  } else {
    li.append(el("span", { class: "from", text: item.from }));
    li.append(el("span", { class: "text", text: item.text }));
  }
  return li;
}

/**
 * Redraws a conversation. `scroll`: "keep" holds the lines in view where they were (older
 * ones were added above), "bottom" jumps to the newest, and anything else follows new lines
 * only when the reader was at the bottom already (so reading back is never interrupted).
 */
export function renderMessages(list, conv, scroll) {
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  const fromBottom = list.scrollHeight - list.scrollTop;
  list.replaceChildren(...conv.items.map(itemNode));
  if (scroll === "keep") list.scrollTop = list.scrollHeight - fromBottom;
  else if (scroll === "bottom" || atBottom) list.scrollTop = list.scrollHeight;
}

export function renderConversations(nav, state, onPick) {
  nav.replaceChildren(...state.ordered().map((c) => {
    const button = el("button", { class: "conv" + (c.key === state.active ? " active" : "") + (c.member ? "" : " parted"),
      attrs: { type: "button", "data-conv": c.key } }, [el("span", { class: "name", text: c.key })]);
    if (c.unread > 0) button.append(el("span", { class: "unread", text: c.unread, attrs: { "aria-label": `${c.unread} unread` } }));
    button.addEventListener("click", () => onPick(c.key));
    return el("li", {}, [button]);
  }));
}

export function renderPeople(list, heading, state, onPick) {
  const conv = state.conv(state.active);
  let people;
  if (conv.key.startsWith("#") && conv.key !== "#lobby" && conv.members) {
    heading.textContent = `Members of ${conv.key}`;
    people = conv.members.map((m) => ({ user: m.user, op: m.op, online: m.online }));
  } else {
    heading.textContent = "Online";
    people = [...state.users].sort((a, b) => a.localeCompare(b)).map((u) => ({ user: u, online: true }));
  }
  list.replaceChildren(...people.map((p) => {
    const button = el("button", { class: "person" + (p.online ? "" : " offline"), text: (p.op ? "@" : "") + p.user,
      attrs: { type: "button", title: state.isMe(p.user) ? "you" : `message ${p.user}` } });
    if (!state.isMe(p.user)) button.addEventListener("click", () => onPick("@" + p.user));
    return el("li", {}, [button]);
  }));
}
