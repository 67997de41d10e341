package io.mediaconnector.account;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ScopeTest {
    @Test
    void higherScopesImplyLowerOnes() {
        assertThat(Scope.READ.grantedBy(Set.of(Scope.WRITE))).isTrue();
        assertThat(Scope.WRITE.grantedBy(Set.of(Scope.ADMIN))).isTrue();
        assertThat(Scope.WRITE.grantedBy(Set.of(Scope.READ))).isFalse();
        assertThat(Scope.ADMIN.grantedBy(Set.of(Scope.READ, Scope.WRITE))).isFalse();
    }

    @Test
    void encodesForStorageAndBack() {
        Set<Scope> scopes = EnumSet.of(Scope.WRITE, Scope.READ);
        assertThat(Scope.encode(scopes)).isEqualTo("read,write");
        assertThat(Scope.decode("read,write")).isEqualTo(scopes);
    }
}
