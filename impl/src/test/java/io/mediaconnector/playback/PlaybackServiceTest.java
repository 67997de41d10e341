package io.mediaconnector.playback;

import io.mediaconnector.account.Account;
import io.mediaconnector.account.Caller;
import io.mediaconnector.account.Scope;
import io.mediaconnector.db.AccountRepository;
import io.mediaconnector.db.Database;
import io.mediaconnector.db.TestDatabase;
import io.mediaconnector.db.VideoKeyRepository;
import io.mediaconnector.db.VideoRepository;
import io.mediaconnector.protection.KeyVault;
import io.mediaconnector.protection.VideoKeys;
import io.mediaconnector.support.Json;
import io.mediaconnector.support.Randomness;
import io.mediaconnector.support.Timestamps;
import io.mediaconnector.video.InputFormats;
import io.mediaconnector.video.NewVideo;
import io.mediaconnector.video.Publication;
import io.mediaconnector.video.Publication.OutputSet;
import io.mediaconnector.video.Publication.PublishedThumbnail;
import io.mediaconnector.video.VideoRules;
import io.mediaconnector.video.VideoService;
import io.mediaconnector.video.VideoState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The playback and thumbnail URLs of a caller's video, as the published outputs and the clock make them. */
class PlaybackServiceTest {
    private static final String BASE_URL = "https://media.example";
    private static final String LOCATOR = "Zx81locator";
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Duration VALIDITY = Duration.ofHours(1);
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private Database database;
    private VideoRepository repository;
    private VideoService videos;
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final UrlSigner signer = new UrlSigner(SECRET, clock);
    private PlaybackService playback;
    private Caller caller;

    @BeforeEach
    void open() {
        database = TestDatabase.open(TestDatabase.Engine.SQLITE, dir);
        repository = new VideoRepository(database, Json.newMapper());
        Randomness randomness = Randomness.from(new Random(7));
        videos = new VideoService(repository, database, new VideoRules(new InputFormats()), video -> { }, clock,
                randomness, new VideoKeys(new VideoKeyRepository(database), new KeyVault(new byte[32]), randomness));
        playback = new PlaybackService(videos, signer, BASE_URL, VALIDITY, clock);
        UUID account = UUID.randomUUID();
        new AccountRepository(database).insert(new Account(account, "a", Timestamps.now(clock)));
        caller = new Caller(account, UUID.randomUUID(), Set.of(Scope.WRITE));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aPreviewPlaysAsHlsAndDashFromItsLocator() {
        UUID id = published(null, OutputSet.PREVIEW, List.of());

        assertThat(playback.endpoint(caller, id, "HLS").url())
                .isEqualTo(URI.create(BASE_URL + "/stream/" + LOCATOR + "/preview/master.m3u8"));
        assertThat(playback.endpoint(caller, id, "dash").url())
                .isEqualTo(URI.create(BASE_URL + "/stream/" + LOCATOR + "/preview/manifest.mpd"));
        assertThatThrownBy(() -> playback.endpoint(caller, id, "Progressive")).as("only once encoding completes")
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void aCompletedVideoPlaysInEveryFormatFromItsFinalOutputs() {
        UUID id = published(null, OutputSet.FINAL, List.of());

        assertThat(playback.endpoint(caller, id, "HLS").url().toString())
                .isEqualTo(BASE_URL + "/stream/" + LOCATOR + "/final/cmaf/master.m3u8");
        assertThat(playback.endpoint(caller, id, "DASH").url().toString())
                .isEqualTo(BASE_URL + "/stream/" + LOCATOR + "/final/cmaf/manifest.mpd");
        assertThat(playback.endpoint(caller, id, "Streaming").url().toString())
                .isEqualTo(BASE_URL + "/stream/" + LOCATOR + "/final/smooth/video.ism/Manifest");
        PlaybackService.Endpoint progressive = playback.endpoint(caller, id, "Progressive");
        assertThat(progressive.type()).isEqualTo(PlaybackType.PROGRESSIVE);
        assertThat(progressive.url().toString())
                .isEqualTo(BASE_URL + "/stream/" + LOCATOR + "/final/progressive/video.mp4");
    }

    @Test
    void aVideoWithNothingPublishedHasNoPlaybackUrl() {
        UUID id = videos.create(caller, newVideo(null)).video().id();

        assertThatThrownBy(() -> playback.endpoint(caller, id, "HLS")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aProtectedVideosUrlCarriesAnExpiringSignatureInItsLocatorSegment() {
        UUID id = published("AES128", OutputSet.FINAL, List.of());

        String hls = playback.endpoint(caller, id, "HLS").url().toString();
        String dash = playback.endpoint(caller, id, "DASH").url().toString();

        Matcher matcher = Pattern.compile(Pattern.quote(BASE_URL + "/stream/" + LOCATOR + ".")
                + "(\\d+\\.[A-Za-z0-9_-]+)" + Pattern.quote("/final/hls/master.m3u8")).matcher(hls);
        assertThat(matcher.matches()).as(hls).isTrue();
        assertThat(dash).endsWith("/final/dash/manifest.mpd");
        String token = matcher.group(1);
        assertThat(token).startsWith(NOW.plus(VALIDITY).getEpochSecond() + ".");
        String signed = PlaybackService.lockedLocator(LOCATOR);
        assertThat(signer.isValidPathToken(signed, token)).isTrue();
        assertThat(new UrlSigner(SECRET, Clock.fixed(NOW.plus(VALIDITY), ZoneOffset.UTC)).isValidPathToken(signed, token))
                .as("after the URL validity").isFalse();
    }

    @Test
    void aProtectedVideoHasNoClearFormats() {
        UUID id = published("AES128", OutputSet.FINAL, List.of());

        assertThatThrownBy(() -> playback.endpoint(caller, id, "Streaming")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> playback.endpoint(caller, id, "Progressive")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void thumbnailUrlsAreSignedUntilTheUrlValidityEnds() {
        UUID id = published(null, OutputSet.FINAL, List.of(
                new PublishedThumbnail(true, 0, 2, 1280, 720, "final/thumbnails/poster.jpg"),
                new PublishedThumbnail(false, 1, 1, 426, 240, "final/thumbnails/thumbnail-001.jpg")));

        List<PlaybackService.ThumbnailLink> links = playback.thumbnails(caller, id);

        assertThat(links).extracting(link -> link.thumbnail().index()).containsExactly(0, 1);
        String path = "/stream/" + LOCATOR + "/final/thumbnails/poster.jpg";
        URI poster = links.get(0).url();
        assertThat(poster.toString()).startsWith(BASE_URL + path + "?se=" + NOW.plus(VALIDITY).getEpochSecond() + "&sig=");
        String sig = poster.getQuery().substring(poster.getQuery().indexOf("sig=") + 4);
        assertThat(signer.isValid(path, Long.toString(NOW.plus(VALIDITY).getEpochSecond()), sig)).isTrue();
        assertThat(playback.thumbnail(caller, id, 1)).isEqualTo(links.get(1).url());
        assertThatThrownBy(() -> playback.thumbnail(caller, id, 2)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void thumbnailsExistOnlyOnceEncodingCompletes() {
        UUID id = published(null, OutputSet.PREVIEW, List.of());

        assertThatThrownBy(() -> playback.thumbnails(caller, id)).isInstanceOf(RuntimeException.class);
    }

    private static NewVideo newVideo(String contentProtectionMode) {
        return new NewVideo("clip.mp4", contentProtectionMode, null, "clip", "", List.of(), Map.of());
    }

    /** A new video whose outputs are published under {@link #LOCATOR}; FINAL completes it. */
    private UUID published(String contentProtectionMode, OutputSet set, List<PublishedThumbnail> thumbnails) {
        UUID id = videos.create(caller, newVideo(contentProtectionMode)).video().id();
        repository.publish(id, new Publication(Optional.of(LOCATOR), Optional.of(set), List.of(), thumbnails),
                set == OutputSet.FINAL, VideoState.PROCESSING.defaultMessage(), Timestamps.now(clock));
        return id;
    }
}
