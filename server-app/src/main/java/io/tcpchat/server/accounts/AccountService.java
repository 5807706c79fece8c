package io.tcpchat.server.accounts;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.RequestException;
import io.tcpchat.server.ChatProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may log in under a name, and {@code register}. A wrong password and an unknown name
 * (where accounts are required) get the same answer after the same work; repeated failures
 * lock the name and the address out for a growing time. Passwords are never logged or kept.
 */
public class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);
    private static final int MAX_PASSWORD_LENGTH = 1024;

    /** The outcome of a login: allowed, or refused with the error to send before closing. */
    public sealed interface Login {
        /** {@code authenticated}: the password of a registered name was given and checked. */
        record Allowed(boolean authenticated) implements Login {
        }

        record Refused(ErrorCode code, String message) implements Login {
        }
    }

    private final AccountStore store;
    private final PasswordHasher hasher;
    private final Throttle throttle;
    private final ChatProperties.Auth settings;
    private final AuthCounter counter;

    AccountService(AccountStore store, PasswordHasher hasher, Throttle throttle, ChatProperties.Auth settings,
                   AuthCounter counter) {
        this.store = store;
        this.hasher = hasher;
        this.throttle = throttle;
        this.settings = settings;
        this.counter = counter;
    }

    public Login login(String user, String password, String address) {
        String nameKey = "name:" + user.toLowerCase(Locale.ROOT);
        String addressKey = "address:" + address;
        Duration locked = max(throttle.lockedFor(nameKey), throttle.lockedFor(addressKey));
        if (!locked.isZero()) {
            counter.failure(AuthCounter.Failure.LOCKED);
            log.info("login as {} from {} refused: locked out for {} s more", user, address, seconds(locked));
            return new Login.Refused(ErrorCode.AUTH_FAILED,
                    "too many failed logins; try again in " + seconds(locked) + " s");
        }
        Optional<AccountStore.Account> account = store.find(user);
        boolean ok;
        if (account.isPresent()) {
            if (password == null) {
                counter.failure(AuthCounter.Failure.PASSWORD_MISSING);
                return new Login.Refused(ErrorCode.AUTH_REQUIRED, "this name is registered: log in with its password");
            }
            ok = hasher.matches(password, account.get().passwordHash());
        } else if (settings.mode() == ChatProperties.Auth.Mode.OPEN) {
            return new Login.Allowed(false);
        } else if (password == null) {
            counter.failure(AuthCounter.Failure.PASSWORD_MISSING);
            return new Login.Refused(ErrorCode.AUTH_REQUIRED, "this server requires an account: log in with a password");
        } else {
            ok = hasher.matchesNothing(password);
        }
        if (ok) {
            // the name's count only: a login to one account must not clear an address guessing at others
            throttle.succeeded(nameKey);
            return new Login.Allowed(account.isPresent());
        }
        counter.failure(AuthCounter.Failure.WRONG_CREDENTIALS);
        boolean lockedNow = throttle.failed(nameKey) | throttle.failed(addressKey);
        if (lockedNow) {
            counter.lockout();
        }
        log.info("login as {} from {} failed{}", user, address, lockedNow ? "; locked out" : "");
        return new Login.Refused(ErrorCode.AUTH_FAILED, "wrong name or password");
    }

    /** The server role that lets a user moderate every room; effective only after a password login. */
    public static final String ADMIN = "admin";

    public boolean isRegistered(String name) {
        return store.exists(name);
    }

    public boolean isAdmin(String name) {
        return store.hasRole(name, ADMIN);
    }

    /** Grants or revokes the admin role of a registered name, from the command line. */
    public boolean admin(String name, boolean granted) throws RequestException {
        if (!store.exists(name)) {
            throw new RequestException(ErrorCode.NOT_FOUND, "'" + name + "' is not registered", null);
        }
        return store.role(name, ADMIN, granted);
    }

    /** {@code register}: claims the name {@code user} is logged in with; the caller acknowledges. */
    public void register(String user, ClientEvent.Register register) throws RequestException {
        String ref = register.ref();
        String password = register.password();
        checkPassword(password, ref);
        if (!store.create(user, hasher.hash(password))) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "'" + user + "' is registered already", ref);
        }
        counter.registered();
        log.info("account registered: {}", user);
    }

    /** Creates an account from the server's command line; false if the name is taken. */
    public boolean create(String user, String password) throws RequestException {
        checkPassword(password, null);
        boolean created = store.create(user, hasher.hash(password));
        if (created) {
            counter.registered();
        }
        return created;
    }

    private void checkPassword(String password, String ref) throws RequestException {
        if (password == null || password.codePointCount(0, password.length()) < settings.minPasswordLength()) {
            throw new RequestException(ErrorCode.BAD_REQUEST,
                    "a password has at least " + settings.minPasswordLength() + " characters", ref);
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "a password has at most 1024 characters", ref);
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
