package io.mediaconnector.account;

import java.security.Principal;
import java.util.Set;
import java.util.UUID;

/** The account and scopes an authenticated request acts with. */
public record Caller(UUID accountId, UUID keyId, Set<Scope> scopes) implements Principal {
    @Override
    public String getName() {
        return keyId.toString();
    }

    public boolean may(Scope scope) {
        return scope.grantedBy(scopes);
    }
}
