package io.tcpchat.server.tcp;

import java.io.IOException;

/** A PROXY protocol header that does not follow the specification; the connection is dropped. */
final class ProxyHeaderException extends IOException {

    ProxyHeaderException(String message) {
        super(message);
    }
}
