package io.mediaconnector.video;

/** {@code ContentProtectionMode}: how playback is protected. */
public enum ContentProtection {
    NONE("None"), AES128("AES128");

    private final String wireName;

    ContentProtection(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
