package io.mediaconnector.encoding;

import java.util.List;

/**
 * A protected run's outputs: encrypted adaptive streams only. {@code hls/} is CMAF HLS with every
 * media segment AES-128-CBC under the content key (init segments clear, {@code #EXT-X-KEY} naming
 * {@link ContentProtection#hlsKeyUri()} with an IV per segment); {@code dash/} is CMAF DASH
 * encrypted by ffmpeg ({@code cenc-aes-ctr}) with ClearKey {@code ContentProtection} in the MPD.
 * No preview: it would be clear, and so would Smooth Streaming and the progressive MP4.
 */
final class ProtectedPackaging implements Packaging {

    private final CmafPackager cmaf;
    private final HlsAes128Encryptor hlsEncryptor;
    private final ContentProtection protection;

    ProtectedPackaging(CmafPackager cmaf, HlsAes128Encryptor hlsEncryptor, ContentProtection protection) {
        this.cmaf = cmaf;
        this.hlsEncryptor = hlsEncryptor;
        this.protection = protection;
    }

    @Override
    public boolean previewFirst() {
        return false;
    }

    @Override
    public List<OutputSet> outputSets() {
        return List.of(
                new OutputSet(EncodingLayout.HLS_DIR, (ladder, dir) -> {
                    cmaf.packageLadder(ladder.intermediate(), ladder.probe(), dir, ladder.timeout(), ladder.cancel());
                    ladder.cancel().throwIfCancelled();
                    hlsEncryptor.encrypt(dir, protection);
                }),
                new OutputSet(EncodingLayout.DASH_DIR, (ladder, dir) -> {
                    cmaf.packageLadderCenc(ladder.intermediate(), ladder.probe(), protection, dir, ladder.timeout(),
                            ladder.cancel());
                    DashContentProtection.patch(dir.resolve(EncodingLayout.DASH_MANIFEST), protection);
                }));
    }

    @Override
    public EncodingResult result(EncodedLadder ladder, PreviewMode previewMode, Thumbnail poster,
                                 List<Thumbnail> thumbnails) {
        return EncodingResult.contentProtected(ladder.probe(), ladder.renditions(),
                EncodingLayout.HLS_DIR + "/" + EncodingLayout.HLS_MASTER,
                EncodingLayout.DASH_DIR + "/" + EncodingLayout.DASH_MANIFEST,
                poster, thumbnails);
    }

    @Override
    public String logDescription() {
        return " with content protection (key ID " + protection.keyId() + ")";
    }
}
