package io.mediaconnector.account;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What an API key may do. Higher scopes imply the lower ones. */
public enum Scope {
    READ, WRITE, ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Whether a key holding {@code granted} may act with this scope. */
    public boolean grantedBy(Set<Scope> granted) {
        for (Scope scope : granted) { // on every request: a loop, not a stream
            if (scope.ordinal() >= ordinal()) {
                return true;
            }
        }
        return false;
    }

    public static String encode(Set<Scope> scopes) {
        return scopes.stream().map(Scope::wireName).sorted().collect(Collectors.joining(","));
    }

    public static Set<Scope> decode(String encoded) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String part : encoded.split(",")) {
            if (!part.isBlank()) {
                scopes.add(fromWire(part.trim()));
            }
        }
        return scopes;
    }
}
