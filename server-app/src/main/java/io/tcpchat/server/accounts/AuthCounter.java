package io.tcpchat.server.accounts;

/** Told about logins; metrics implement it. Never given a password. */
public interface AuthCounter {

    /** A login refused: {@code wrong_credentials}, {@code locked}, {@code password_missing}. */
    void failure(String reason);

    void lockout();

    void registered();

    AuthCounter NONE = new AuthCounter() {
        @Override
        public void failure(String reason) {
        }

        @Override
        public void lockout() {
        }

        @Override
        public void registered() {
        }
    };
}
