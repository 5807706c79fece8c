// Stored room events (room.joined, room.left, room.topic, ...): a line in the room's
// conversation, and the room's topic and member list kept up to date from them.

/** Files one room event; `live` ones also update the room's members and topic. */
export function roomEvent(state, ev, live) {
  const conv = state.conv(ev.room);
  const by = ev.by ? ` by ${ev.by}` : "";
  let text;
  switch (ev.type) {
    case "room.joined":
      text = `${ev.user} joined ${ev.room}`;
      if (state.isMe(ev.user)) conv.member = true;
      if (live && conv.members) {
        conv.members = conv.members.filter((m) => m.user.toLowerCase() !== ev.user.toLowerCase());
        conv.members.push({ user: ev.user, op: !!ev.created, online: true });
      }
      break;
    case "room.left":
      text = `${ev.user} left ${ev.room} (${ev.reason}${by})${ev.text ? ": " + ev.text : ""}`;
      if (state.isMe(ev.user)) conv.member = false;
      if (live && conv.members) conv.members = conv.members.filter((m) => m.user.toLowerCase() !== ev.user.toLowerCase());
      break;
    case "room.topic":
      text = ev.topic ? `${ev.by} set the topic: ${ev.topic}` : `${ev.by} cleared the topic`;
      if (live) conv.topic = ev.topic || null;
      break;
    case "room.mode":
      text = `${ev.by} set ${ev.room}: ${ev.inviteOnly ? "invite-only" : "open"}, topic ${ev.topicLock ? "locked" : "free"}`;
      break;
    case "room.op":
      text = `${ev.user} ${ev.op ? "is now an op" : "is no longer an op"}${by}`;
      if (live && conv.members) conv.members = conv.members.map((m) => m.user.toLowerCase() === ev.user.toLowerCase() ? { ...m, op: ev.op } : m);
      break;
    case "room.ban":
      text = `${ev.user} ${ev.banned ? "banned" : "unbanned"}${by}${ev.text ? ": " + ev.text : ""}`;
      break;
    case "room.invite":
      text = `${ev.by} invited ${ev.user} to ${ev.room}`;
      if (state.isMe(ev.user)) {
        state.file("#lobby", { kind: "system", seq: ev.seq, ts: ev.ts, text: `${text}: /join ${ev.room}` }, live);
        return;
      }
      break;
    case "room.closed":
      text = `${ev.room} was closed${by}${ev.text ? ": " + ev.text : ""}`;
      conv.member = false;
      break;
    default:
      text = `${ev.type} in ${ev.room}`;
  }
  state.file(ev.room, { kind: "system", seq: ev.seq, ts: ev.ts, text }, live);
}
