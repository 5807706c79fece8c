package io.tcpchat.server.accounts;

/** Told about logins; metrics implement it. Never given a password. */
public interface AuthCounter {

    /** Why a login was refused; {@link #wire()} is the {@code reason} label of the metric. */
    enum Failure {
        /** a wrong password, or an unknown name where accounts are required */
        WRONG_CREDENTIALS("wrong_credentials"),
        /** refused without a check: the name or the address is locked out */
        LOCKED("locked"),
        /** no password for a registered name, or on a server that requires accounts */
        PASSWORD_MISSING("password_missing");

        private final String wire;

        Failure(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** A login refused. */
    void failure(Failure reason);

    void lockout();

    void registered();

    AuthCounter NONE = new AuthCounter() {
        @Override
        public void failure(Failure reason) {
        }

        @Override
        public void lockout() {
        }

        @Override
        public void registered() {
        }
    };
}
