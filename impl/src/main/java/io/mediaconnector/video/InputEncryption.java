package io.mediaconnector.video;

/** {@code InputStorageEncryptionMode}: whether the client uploads the file encrypted. */
public enum InputEncryption {
    NONE(null), AES256("AES256");

    private final String wireName;

    InputEncryption(String wireName) {
        this.wireName = wireName;
    }

    /** The wire value; null for none, as the Connector sends it. */
    public String wireName() {
        return wireName;
    }
}
