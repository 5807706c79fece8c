// File uploads over HTTP: the SHA-256 first (read in slices), then the file itself as the
// request body, with progress. The server streams it to its store; the `file` event and the
// `ack` arrive over the WebSocket like any other.
import { sha256OfBlob } from "./sha256.js";
import { el, size } from "./view.js";

export async function upload(file, target, session, ref, panel) {
  const bar = el("progress", { attrs: { max: 100, value: 0 } });
  const label = el("span", { class: "label", text: `${file.name} (${size(file.size)}): hashing…` });
  const row = el("li", { class: "transfer" }, [label, bar]);
  panel.append(row);
  try {
    const sha256 = await sha256OfBlob(file, (done) => bar.setAttribute("value", Math.round((done / Math.max(1, file.size)) * 30)));
    label.textContent = `${file.name} (${size(file.size)}): uploading…`;
    const params = new URLSearchParams({ name: file.name, size: String(file.size), sha256, ref });
    if (target.to) params.set("to", target.to);
    if (target.room) params.set("room", target.room);
    const answer = await send(`/files?${params}`, file, session, (loaded) =>
      bar.setAttribute("value", 30 + Math.round((loaded / Math.max(1, file.size)) * 70)));
    label.textContent = `${file.name}: sent`;
    setTimeout(() => row.remove(), 3000);
    return answer;
  } catch (e) {
    label.textContent = `${file.name}: ${e.message}`;
    row.classList.add("failed");
    setTimeout(() => row.remove(), 10000);
    throw e;
  }
}

function send(url, body, session, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Authorization", `Bearer ${session}`);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      let answer = {};
      try { answer = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status === 201) resolve(answer);
      else reject(new Error(answer.message ?? `HTTP ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error("the connection failed"));
    xhr.send(body);
  });
}

/** Asks the server to set the download cookie for this session, so plain links can fetch files. */
export function authorizeDownloads(session) {
  return fetch("/session", { method: "POST", headers: { Authorization: `Bearer ${session}` }, credentials: "same-origin" });
}
