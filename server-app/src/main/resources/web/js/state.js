// What the page knows: conversations (#lobby, rooms, @user for direct messages), their
// items in seq order, unread counts, who is online. Events are filed by seq exactly once,
// whether they came live, in a replay after a reconnect, or from history.

const MAX_ITEMS = 2000;

export class ChatState {
  constructor() {
    this.me = null;
    this.session = null;
    this.roomsAware = false;
    this.limits = {};
    this.convs = new Map();
    this.seen = new Set();
    this.lastSeq = null;
    this.users = new Set();
    this.active = "#lobby";
    this.baseMore = true;
    this.conv("#lobby");
  }

  conv(key) {
    let c = this.convs.get(key);
    if (!c) {
      c = { key, items: [], unread: 0, topic: null, members: null, member: true, more: true, loaded: false };
      this.convs.set(key, c);
    }
    return c;
  }

  isMe(name) {
    return name != null && this.me != null && name.toLowerCase() === this.me.toLowerCase();
  }

  /** The conversation an event of the base protocol or of rooms belongs to. */
  keyOf(ev) {
    if (ev.to) return "@" + (this.isMe(ev.from) ? ev.to : ev.from);
    if (ev.room) return ev.room;
    return "#lobby";
  }

  noteSeq(seq) {
    if (typeof seq === "number" && (this.lastSeq === null || seq > this.lastSeq)) this.lastSeq = seq;
  }

  /**
   * Files an item under a conversation unless its seq was seen. Returns the conversation,
   * or null for a duplicate. `live` events from others raise the unread count.
   */
  file(key, item, live) {
    if (item.seq != null) {
      if (this.seen.has(item.seq)) return null;
      this.seen.add(item.seq);
      this.noteSeq(item.seq);
    }
    const c = this.conv(key);
    const items = c.items;
    let i = items.length;
    while (i > 0 && item.seq != null && items[i - 1].seq != null && items[i - 1].seq > item.seq) i--;
    items.splice(i, 0, item);
    if (items.length > MAX_ITEMS) items.splice(0, items.length - MAX_ITEMS);
    if (live && key !== this.active && !this.isMe(item.from) && item.kind !== "system") c.unread++;
    return c;
  }

  /** The oldest seq held of the lobby and direct messages: where the next base history page ends. */
  baseOldest() {
    let oldest = null;
    for (const c of this.convs.values()) {
      if (c.key === "#lobby" || c.key.startsWith("@")) {
        const first = c.items.find((it) => it.seq != null);
        if (first && (oldest === null || first.seq < oldest)) oldest = first.seq;
      }
    }
    return oldest;
  }

  oldest(key) {
    const first = this.conv(key).items.find((it) => it.seq != null);
    return first ? first.seq : null;
  }

  /** Conversations in sidebar order: the lobby, rooms by name, then direct messages. */
  ordered() {
    const all = [...this.convs.values()];
    const rooms = all.filter((c) => c.key.startsWith("#") && c.key !== "#lobby").sort((a, b) => a.key.localeCompare(b.key));
    const dms = all.filter((c) => c.key.startsWith("@")).sort((a, b) => a.key.localeCompare(b.key));
    return [this.conv("#lobby"), ...rooms, ...dms];
  }
}
