package io.mediaconnector.api;

import io.mediaconnector.account.AccountService;
import io.mediaconnector.account.Caller;
import io.mediaconnector.account.Scope;
import io.mediaconnector.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import org.glassfish.jersey.server.ContainerRequest;

import java.security.Principal;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Authorization: Bearer <key>} on every {@code /api} route: 401 without a live key, 403
 * when the key lacks the scope the route needs (read for GET, write for changes, admin for
 * accounts). Runs after matching, so unknown routes and methods answer 404/405 first.
 */
@Priority(Priorities.AUTHENTICATION)
public final class ApiKeyAuthentication implements ContainerRequestFilter {
    private static final String BEARER = "Bearer ";
    private static final Map<String, String> CHALLENGE = Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer");

    private final AccountService accounts;

    public ApiKeyAuthentication(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        if (!Routes.needsApiKey(context)) {
            return;
        }
        ContainerRequest request = (ContainerRequest) context;
        Optional<Caller> caller = bearerSecret(context.getHeaderString(HttpHeaders.AUTHORIZATION))
                .flatMap(accounts::authenticate);
        if (caller.isEmpty()) {
            context.abortWith(Problems.response(request, ProblemType.UNAUTHORIZED,
                    "Send a valid API key as 'Authorization: Bearer <key>'.", CHALLENGE));
            return;
        }
        Scope needed = neededScope(context);
        if (!caller.get().may(needed)) {
            context.abortWith(Problems.response(request, ProblemType.FORBIDDEN,
                    "This operation needs an API key with the '" + needed.wireName() + "' scope."));
            return;
        }
        context.setSecurityContext(new CallerSecurityContext(caller.get(), context.getSecurityContext().isSecure()));
    }

    /** The key in an {@code Authorization: Bearer <key>} header, if that is what the header holds. */
    static Optional<String> bearerSecret(String header) {
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).trim());
    }

    private static Scope neededScope(ContainerRequestContext context) {
        if (Routes.isAdmin(context)) {
            return Scope.ADMIN;
        }
        String method = context.getMethod();
        return method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD) ? Scope.READ : Scope.WRITE;
    }

    private record CallerSecurityContext(Caller caller, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.may(Scope.fromWire(role));
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
