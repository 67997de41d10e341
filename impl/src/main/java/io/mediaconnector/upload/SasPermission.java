package io.mediaconnector.upload;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Container SAS permissions this server understands, in Azure's canonical {@code sp} order. */
public enum SasPermission {
    READ('r'), ADD('a'), CREATE('c'), WRITE('w'), DELETE('d'), LIST('l');

    private final char symbol;

    SasPermission(char symbol) {
        this.symbol = symbol;
    }

    public char symbol() {
        return symbol;
    }

    public static Optional<SasPermission> of(char symbol) {
        for (SasPermission p : values()) {
            if (p.symbol == symbol) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The {@code sp} value for {@code permissions}, in canonical order. */
    public static String format(Set<SasPermission> permissions) {
        StringBuilder out = new StringBuilder();
        for (SasPermission p : EnumSet.copyOf(permissions)) {
            out.append(p.symbol);
        }
        return out.toString();
    }
}
