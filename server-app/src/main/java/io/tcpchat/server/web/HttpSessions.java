package io.tcpchat.server.web;

import io.tcpchat.server.session.Session;
import io.tcpchat.server.session.SessionRegistry;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Which chat session an HTTP request acts for. The token is the {@code session} id the
 * server sent in that socket's {@code welcome}: random, known only to that page, and dead
 * once the socket closes. It comes as {@code Authorization: Bearer ...} (uploads, and
 * anything a script sends) or, for the download links a browser follows by itself, as the
 * {@code chat_session} cookie the page sets through {@code POST /session}: HttpOnly,
 * SameSite=Strict, scoped to {@code /files}. Never in a URL, so never in a log or a Referer.
 */
@Component
@ConditionalOnBooleanProperty(name = "chat.web.enabled", matchIfMissing = true)
class HttpSessions {

    static final String COOKIE = "chat_session";

    private final SessionRegistry registry;

    HttpSessions(SessionRegistry registry) {
        this.registry = registry;
    }

    /** The logged-in web session the request's bearer token names, or null. */
    Session fromBearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return bySessionId(header.substring(7).trim());
    }

    /** The bearer token's session, else the cookie's. */
    Session fromBearerOrCookie(HttpServletRequest request) {
        Session session = fromBearer(request);
        if (session != null || request.getCookies() == null) {
            return session;
        }
        for (Cookie cookie : request.getCookies()) {
            if (COOKIE.equals(cookie.getName())) {
                return bySessionId(cookie.getValue());
            }
        }
        return null;
    }

    private Session bySessionId(String token) {
        if (token.isEmpty() || token.length() > 64) {
            return null;
        }
        byte[] given = token.getBytes(StandardCharsets.US_ASCII);
        // one session per user online: a walk over them costs microseconds per request
        for (Session s : registry.online()) {
            String id = s.sessionId();
            if (id != null && MessageDigest.isEqual(given, id.getBytes(StandardCharsets.US_ASCII))
                    && ChatSocketHandler.PROTOCOL.equals(s.protocol()) && !s.closing()) {
                return s;
            }
        }
        return null;
    }
}
