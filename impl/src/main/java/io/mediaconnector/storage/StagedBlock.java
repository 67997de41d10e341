package io.mediaconnector.storage;

import java.util.Optional;

/**
 * What {@link BlobStore#stageBlock} stored: the block's size and, when the request sent a
 * {@code Content-MD5} to check, the MD5 computed while streaming it (to echo back, as Azure does).
 */
public record StagedBlock(long length, Optional<byte[]> md5) {

    public StagedBlock {
        md5 = md5.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> md5() {
        return md5.map(byte[]::clone);
    }
}
