package io.mediaconnector.upload;

import static io.mediaconnector.upload.SasPermission.CREATE;
import static io.mediaconnector.upload.SasPermission.READ;
import static io.mediaconnector.upload.SasPermission.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SasSignerTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant START = Instant.parse("2026-11-27T09:55:00Z");
    private static final Instant EXPIRY = Instant.parse("2026-11-27T22:00:00Z");
    private static final String CONTAINER = "asset-0914435d-8a57-4d3e-9c2a-3f2b51e4a7c1";

    private final SasSigner signer = new SasSigner("acct", SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void issuesAzureShapedQuery() {
        String query = signer.sign(CONTAINER, EnumSet.of(WRITE, READ, CREATE), START, EXPIRY);
        assertThat(query).startsWith("sv=2020-12-06&sr=c&sp=rcw&st=2026-11-27T09%3A55%3A00Z&se=2026-11-27T22%3A00%3A00Z&sig=");
    }

    @Test
    void acceptsItsOwnSignatureWithinTheWindow() {
        Map<String, String> q = parse(signer.sign(CONTAINER, EnumSet.of(CREATE, WRITE), START, EXPIRY));
        assertThatCode(() -> signer.verify(CONTAINER, q, EnumSet.of(WRITE))).doesNotThrowAnyException();
    }

    @Test
    void acceptsAnyVersionString() {
        Map<String, String> q = parse(signer.sign(CONTAINER, EnumSet.of(READ), START, EXPIRY, "2012-02-12"));
        assertThatCode(() -> signer.verify(CONTAINER, q, EnumSet.of(READ))).doesNotThrowAnyException();
    }

    @Test
    void refusesExpiredAndNotYetValid() {
        Map<String, String> q = parse(signer.sign(CONTAINER, EnumSet.of(READ), START, EXPIRY));
        SasSigner later = new SasSigner("acct", SECRET, Clock.fixed(EXPIRY, ZoneOffset.UTC));
        SasSigner earlier = new SasSigner("acct", SECRET, Clock.fixed(START.minusSeconds(1), ZoneOffset.UTC));
        assertAuthFailed(() -> later.verify(CONTAINER, q, EnumSet.of(READ)));
        assertAuthFailed(() -> earlier.verify(CONTAINER, q, EnumSet.of(READ)));
    }

    @Test
    void refusesAnotherContainerAnotherSecretAndTampering() {
        Map<String, String> q = parse(signer.sign(CONTAINER, EnumSet.of(READ), START, EXPIRY));
        assertAuthFailed(() -> signer.verify("asset-other", q, EnumSet.of(READ)));
        SasSigner otherSecret = new SasSigner("acct", "fedcba9876543210fedcba9876543210".getBytes(), Clock.fixed(NOW, ZoneOffset.UTC));
        assertAuthFailed(() -> otherSecret.verify(CONTAINER, q, EnumSet.of(READ)));

        Map<String, String> widened = new LinkedHashMap<>(q);
        widened.put("sp", "rcw");
        assertAuthFailed(() -> signer.verify(CONTAINER, widened, EnumSet.of(WRITE)));

        Map<String, String> extended = new LinkedHashMap<>(q);
        extended.put("se", "2027-11-27T22:00:00Z");
        assertAuthFailed(() -> signer.verify(CONTAINER, extended, EnumSet.of(READ)));

        Map<String, String> badSig = new LinkedHashMap<>(q);
        byte[] sig = Base64.getDecoder().decode(q.get("sig"));
        sig[0] ^= 1;
        badSig.put("sig", Base64.getEncoder().encodeToString(sig));
        assertAuthFailed(() -> signer.verify(CONTAINER, badSig, EnumSet.of(READ)));

        Map<String, String> unsigned = new LinkedHashMap<>(q);
        unsigned.remove("sig");
        assertAuthFailed(() -> signer.verify(CONTAINER, unsigned, EnumSet.of(READ)));
    }

    @Test
    void missingPermissionIsAPermissionMismatch() {
        Map<String, String> q = parse(signer.sign(CONTAINER, EnumSet.of(READ), START, EXPIRY));
        assertThatThrownBy(() -> signer.verify(CONTAINER, q, EnumSet.of(CREATE, WRITE)))
                .isInstanceOfSatisfying(SasVerificationException.class,
                        e -> assertThat(e.kind()).isEqualTo(SasVerificationException.Kind.PERMISSION_MISMATCH));
    }

    /** Cross-check of the string-to-sign: a SAS made by the official SDK with the same key verifies. */
    @Test
    void verifiesASasGeneratedByTheAzureSdk() {
        StorageSharedKeyCredential credential = new StorageSharedKeyCredential("acct", Base64.getEncoder().encodeToString(SECRET));
        BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(
                OffsetDateTime.ofInstant(EXPIRY, ZoneOffset.UTC), new BlobContainerSasPermission().setWritePermission(true))
                .setStartTime(OffsetDateTime.ofInstant(START, ZoneOffset.UTC));
        String sdkSas = new com.azure.storage.blob.BlobContainerClientBuilder()
                .endpoint("https://acct.blob.core.windows.net/" + CONTAINER).credential(credential)
                .buildClient().generateSas(values);
        assertThatCode(() -> signer.verify(CONTAINER, parse(sdkSas), EnumSet.of(WRITE))).doesNotThrowAnyException();
    }

    private static void assertAuthFailed(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SasVerificationException.class,
                e -> assertThat(e.kind()).isEqualTo(SasVerificationException.Kind.AUTHENTICATION_FAILED));
    }

    static Map<String, String> parse(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
