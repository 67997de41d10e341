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
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * {@code InputStorageEncryptionMode: AES256}: the client uploaded the file encrypted with
 * AES-256-CTR (no padding) under the key and initial counter block it got at creation; the
 * worker decrypts while it reads the upload.
 */
public final class UploadDecryption {
    private final VideoKeys keys;
    private final Path plaintextRoot;

    /**
     * @param plaintextRoot where a decrypted upload lives while its job runs: RAM-backed
     *                      ({@code /dev/shm}) by default, so the plaintext never rests on a disk
     */
    public UploadDecryption(VideoKeys keys, Path plaintextRoot) {
        this.keys = keys;
        this.plaintextRoot = plaintextRoot;
    }

    /** The directory the worker fetches this video's upload into. */
    public Path inputDirectory(Video video, Path workDirectory, java.util.UUID jobId) {
        return video.inputEncryption() == InputEncryption.AES256 ? plaintextRoot.resolve(jobId.toString()) : workDirectory;
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
