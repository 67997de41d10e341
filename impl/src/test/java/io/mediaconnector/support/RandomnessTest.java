package io.mediaconnector.support;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RandomnessTest {

    @Test
    void aSeededGeneratorRepeatsItsIdsSecretsAndBytes() {
        Randomness first = Randomness.from(new Random(42));
        Randomness second = Randomness.from(new Random(42));

        assertThat(first.newId()).isEqualTo(second.newId());
        assertThat(first.newSecret(24)).isEqualTo(second.newSecret(24));
        assertThat(first.generator().nextLong()).isEqualTo(second.generator().nextLong());
    }

    @Test
    void idsAreRandomVersion4Uuids() {
        Randomness randomness = Randomness.secure();
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            UUID id = randomness.newId();
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }

    @Test
    void aSecretIsUrlSafeAndCarriesTheBytesAskedFor() {
        String secret = Randomness.secure().newSecret(32);

        assertThat(secret).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
    }
}
