package io.mediaconnector.processing;

import io.mediaconnector.protection.VideoKey;
import io.mediaconnector.protection.VideoKeys;
import io.mediaconnector.video.InputEncryption;
import io.mediaconnector.video.Video;

import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.InputStream;
import java.security.GeneralSecurityException;

/**
 * {@code InputStorageEncryptionMode: AES256}: the client uploaded the file encrypted with
 * AES-256-CTR (no padding) under the key and initial counter block it got at creation; the
 * worker decrypts while it reads the upload.
 */
public final class UploadDecryption {
    private final VideoKeys keys;

    public UploadDecryption(VideoKeys keys) {
        this.keys = keys;
    }

    public InputStream decrypting(Video video, InputStream upload) {
        if (video.inputEncryption() != InputEncryption.AES256) {
            return upload;
        }
        VideoKey key = keys.inputKey(video.id())
                .orElseThrow(() -> new IllegalStateException("video " + video.id() + " has no upload key"));
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.key(), "AES"), new IvParameterSpec(key.iv()));
            return new CipherInputStream(upload, cipher);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR is part of every JDK", e);
        }
    }

    /** What a person should check when an encrypted upload does not decode. */
    public String hint(Video video) {
        return video.inputEncryption() != InputEncryption.AES256 ? ""
                : " The upload was decrypted with the InputStorageEncryptionSymmetricKey and InputStorageEncryptionIv"
                + " returned when the video was created (AES-256-CTR, no padding): was it encrypted with exactly those?";
    }
}
