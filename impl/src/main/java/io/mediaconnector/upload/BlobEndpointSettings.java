package io.mediaconnector.upload;

/**
 * The blob protocol's limits and the Azure version it answers with.
 *
 * @param maxBlobBytes   largest blob: a single-shot Put Blob and a committed block list alike
 *                       (larger → 413 RequestBodyTooLarge)
 * @param maxBlockBytes  largest single block of Put Block (Azure allows 4000 MiB)
 * @param defaultVersion {@code x-ms-version} answered when the request names none
 */
public record BlobEndpointSettings(long maxBlobBytes, long maxBlockBytes, String defaultVersion) {

    public static final String AZURE_VERSION = "2025-01-05";

    public BlobEndpointSettings {
        if (maxBlobBytes <= 0 || maxBlockBytes <= 0) {
            throw new IllegalArgumentException("size limits must be positive");
        }
    }

    public static BlobEndpointSettings withMaxBlobBytes(long maxBlobBytes) {
        return new BlobEndpointSettings(maxBlobBytes, Math.min(maxBlobBytes, 4000L * 1024 * 1024), AZURE_VERSION);
    }
}
