package io.mediaconnector.protection;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyVaultTest {
    private final byte[] master = new byte[32];

    @Test
    void sealedKeysOpenOnlyWithTheirMasterKey() {
        byte[] key = "0123456789abcdef".getBytes();
        KeyVault vault = new KeyVault(master);
        String sealed = vault.seal(key);
        assertThat(new String(Base64.getDecoder().decode(sealed), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(new String(key));
        assertThat(vault.open(sealed)).isEqualTo(key);
        assertThat(vault.seal(key)).as("a fresh nonce each time").isNotEqualTo(sealed);

        byte[] otherMaster = new byte[32];
        otherMaster[0] = 1;
        assertThatThrownBy(() -> new KeyVault(otherMaster).open(sealed)).hasMessageContaining("master key");
    }

    @Test
    void tamperingIsDetected() {
        KeyVault vault = new KeyVault(master);
        byte[] sealed = Base64.getDecoder().decode(vault.seal(new byte[16]));
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> vault.open(Base64.getEncoder().encodeToString(sealed))).isInstanceOf(IllegalStateException.class);
    }
}
