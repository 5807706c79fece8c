/**
 * The browser client's transport edge: the static page, CHAT/1 JSON events over the
 * WebSocket {@code /ws} (one event per text message, no length prefix), and file bytes over
 * HTTP ({@code /files}), authenticated by the {@code session} id of the socket's welcome.
 * Sessions, requests, files and history are the same services the TCP path uses.
 */
package io.tcpchat.server.web;
