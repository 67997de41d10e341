package io.mediaconnector.storage;

/**
 * What {@link BlobStore#stageBlock} stored: the block's size and the MD5 computed while streaming it
 * (so the caller can answer {@code Content-MD5} without hashing the body a second time).
 */
public record StagedBlock(long length, byte[] md5) {

    public StagedBlock {
        md5 = md5.clone();
    }

    @Override
    public byte[] md5() {
        return md5.clone();
    }
}
