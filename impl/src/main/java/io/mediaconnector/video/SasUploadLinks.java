package io.mediaconnector.video;

import io.mediaconnector.upload.SasPermission;
import io.mediaconnector.upload.SasSigner;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Connector's UploadUri: the URL of the video's blob with a container SAS that may create
 * and write, nothing else, from the video's creation for a fixed time. Derived from the video,
 * not stored, so the same video always shows the same UploadUri (and a stable ETag). Because it
 * is a pure function of fields that never change, recent links are remembered: every read of a
 * video awaiting its upload shows the link, and signing it costs more than the rest of the read.
 */
public final class SasUploadLinks implements UploadLinks {
    /** Enough for every upload in progress on a busy node; when full, it starts over. */
    private static final int REMEMBERED_LINKS = 10_000;

    private final String blobBase;
    private final SasSigner signer;
    private final Duration validity;
    private final ConcurrentHashMap<UUID, String> recent = new ConcurrentHashMap<>();

    public SasUploadLinks(URI publicBaseUrl, SasSigner signer, Duration validity) {
        this.blobBase = withExplicitPort(publicBaseUrl) + "/blob/";
        this.signer = signer;
        this.validity = validity;
    }

    @Override
    public Optional<String> uploadUri(Video video) {
        String remembered = recent.get(video.id());
        if (remembered == null) {
            if (recent.size() >= REMEMBERED_LINKS) {
                recent.clear();
            }
            remembered = sign(video);
            recent.put(video.id(), remembered);
        }
        return Optional.of(remembered);
    }

    private String sign(Video video) {
        Instant start = video.created().toInstant();
        String sas = signer.sign(video.containerName(), EnumSet.of(SasPermission.CREATE, SasPermission.WRITE),
                start, start.plus(validity));
        return blobBase + video.containerName() + "/" + video.storedFileName() + "?" + sas;
    }

    /** Azure SDKs read a URL with an explicit port as path-style, which is the shape we serve. */
    static String withExplicitPort(URI base) {
        int port = base.getPort() != -1 ? base.getPort() : base.getScheme().equals("https") ? 443 : 80;
        return base.getScheme() + "://" + base.getHost() + ":" + port;
    }
}
