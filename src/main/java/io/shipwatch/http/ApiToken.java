package io.shipwatch.http;

/** An API token and what it may do: {@code read} lists and reads, {@code write} also records. */
public record ApiToken(String name, String secret, Scope scope) {

    /** What a token may do; {@code WRITE} includes {@code READ}. */
    public enum Scope {
        READ, WRITE;

        boolean allows(Scope needed) {
            return this == WRITE || needed == READ;
        }
    }

    @Override
    public String toString() {
        return "ApiToken[" + name + ", " + scope + "]"; // never print the secret
    }
}
