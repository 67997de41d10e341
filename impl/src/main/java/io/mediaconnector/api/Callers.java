package io.mediaconnector.api;

import io.mediaconnector.account.Caller;
import jakarta.ws.rs.core.SecurityContext;

/** The authenticated caller of an {@code /api} request, as {@link ApiKeyAuthentication} set it. */
final class Callers {
    private Callers() {
    }

    static Caller of(SecurityContext security) {
        if (security.getUserPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw new IllegalStateException("an /api resource ran without an authenticated caller");
    }
}
