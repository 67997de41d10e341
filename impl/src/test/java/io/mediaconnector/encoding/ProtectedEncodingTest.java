package io.mediaconnector.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A protected run, checked the way an attacker without the key and a player with it would read it. */
class ProtectedEncodingTest {

    static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    static final UUID KID = UUID.fromString("0123abcd-4567-89ef-0123-456789abcdef");
    static final String KEY_URI = "https://media.example.test/api/videos/42/hls-key?v=1";
    static final ContentProtection PROTECTION = new ContentProtection(KEY, KID, KEY_URI);
    static final Pattern KEY_TAG = Pattern.compile(
            "#EXT-X-KEY:METHOD=AES-128,URI=\"" + Pattern.quote(KEY_URI) + "\",IV=0x([0-9a-f]{32})");

    @TempDir
    static Path out;
    static EncodingResult result;
    static final List<String> events = new CopyOnWriteArrayList<>();
    static long millis;

    @BeforeAll
    static void encode() throws IOException {
        // what a clear run of the same output directory would have left: must be gone afterwards
        for (String clear : List.of("preview", "cmaf", "smooth", "progressive")) {
            Files.createDirectories(out.resolve(clear));
            Files.writeString(out.resolve(clear).resolve("left-over.m4s"), "clear");
        }
        EncodingListener listener = new EncodingListener() {
            @Override
            public void onProbed(ProbeResult probe) {
                events.add("probed");
            }

            @Override
            public void onPlayable(Path previewDir) {
                events.add("playable");
            }

            @Override
            public void onCompleted(EncodingResult r) {
                events.add("completed");
            }
        };
        EncodingPipeline pipeline = TestMedia.pipeline();
        long started = System.nanoTime();
        result = pipeline.run(TestMedia.landscapeStartingBlack(), out, PROTECTION, listener, new CancelHandle());
        millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("TIMING protected run (640x360, 4 s, %d rungs) completed after %d ms%n",
                result.renditions().size(), millis);
    }

    @Test
    void theResultNamesOnlyTheEncryptedSetsAndNoPreviewIsAnnounced() {
        assertThat(result.contentProtected()).isTrue();
        assertThat(result.hlsMaster()).isEqualTo("hls/master.m3u8");
        assertThat(result.dashManifest()).isEqualTo("dash/manifest.mpd");
        assertThat(result.previewMode()).isNull();
        assertThat(result.previewHlsMaster()).isNull();
        assertThat(result.smoothManifest()).isNull();
        assertThat(result.progressiveMp4()).isNull();
        assertThat(result.renditions()).hasSizeGreaterThan(1);
        assertThat(result.thumbnails()).hasSize(5);
        assertThat(out.resolve(result.poster().relativePath())).isRegularFile();
        assertThat(events).containsExactly("probed", "completed");
    }

    @Test
    void nothingClearIsLeftInTheOutputDirectory() throws IOException {
        try (Stream<Path> top = Files.list(out)) {
            assertThat(top.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("hls", "dash", "thumbnails");
        }
        try (Stream<Path> all = Files.walk(out)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                String relative = out.relativize(file).toString().replace('\\', '/');
                assertThat(relative).as("file %s", relative).matches(
                        "hls/(master\\.m3u8|media_\\d+\\.m3u8|init-stream\\d+\\.m4s|chunk-stream\\d+-\\d{5}\\.m4s)"
                                + "|dash/(manifest\\.mpd|init-stream\\d+\\.m4s|chunk-stream\\d+-\\d{5}\\.m4s)"
                                + "|thumbnails/(poster|thumbnail-\\d{3})\\.jpg");
            }
        }
        // every media segment is undecodable without the key (checked per segment below), and the
        // DASH init segments announce CENC with our key ID
        try (Stream<Path> dash = Files.list(out.resolve("dash"))) {
            for (Path init : dash.filter(p -> p.getFileName().toString().startsWith("init-")).toList()) {
                String bytes = new String(Files.readAllBytes(init), StandardCharsets.ISO_8859_1);
                assertThat(bytes).contains("tenc", "schm", "cenc");
                assertThat(bytes).contains(new String(HexFormat.of().parseHex(PROTECTION.keyIdHex()),
                        StandardCharsets.ISO_8859_1));
            }
        }
    }

    @Test
    void everyHlsSegmentIsEncryptedAndDecryptsWithTheKeyAndIv() throws Exception {
        Path master = out.resolve(result.hlsMaster());
        Set<String> playlists = HlsAes128Encryptor.mediaPlaylists(master);
        int streams = result.renditions().size() + (result.source().hasAudio() ? 1 : 0);
        assertThat(playlists).hasSize(streams);
        Set<String> ivs = new HashSet<>();
        int checked = 0;
        for (String name : playlists) {
            Path playlist = master.resolveSibling(name);
            List<String> lines = Files.readAllLines(playlist);
            int map = indexOfPrefix(lines, "#EXT-X-MAP:URI=\"");
            assertThat(map).as("EXT-X-MAP in %s", name).isNotNegative();
            assertThat(lines.get(map + 1)).as("line after EXT-X-MAP in %s", name).matches(KEY_TAG);
            Path init = playlist.resolveSibling(lines.get(map).substring(16, lines.get(map).indexOf('"', 16)));
            byte[] iv = null;
            double total = 0;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher key = KEY_TAG.matcher(line);
                if (key.matches()) {
                    assertThat(i).as("EXT-X-KEY after EXT-X-MAP").isGreaterThan(map);
                    iv = HexFormat.of().parseHex(key.group(1));
                    assertThat(ivs.add(key.group(1))).as("IV %s used once", key.group(1)).isTrue();
                    assertThat(lines.get(i + 1)).startsWith("#EXTINF:");
                } else if (line.startsWith("#EXTINF:")) {
                    total += Double.parseDouble(line.substring(8, line.indexOf(',')));
                } else if (!line.isBlank() && !line.startsWith("#")) {
                    assertThat(iv).as("a key before %s", line).isNotNull();
                    Path segment = playlist.resolveSibling(line.trim());
                    byte[] encrypted = Files.readAllBytes(segment);
                    assertThat(encrypted.length % 16).as("CBC blocks").isZero();
                    assertThat(decode(init, encrypted, false)).as("clear decode of %s", segment.getFileName()).isFalse();
                    byte[] clear = aesCbcDecrypt(encrypted, iv);
                    assertThat(decode(init, clear, false)).as("decode of decrypted %s", segment.getFileName()).isTrue();
                    iv = null; // each segment has its own KEY tag
                    checked++;
                }
            }
            OutputChecks.assertDurationClose(total, result.source().durationSeconds());
        }
        assertThat(checked).isGreaterThanOrEqualTo(2 * streams);
        assertThat(out.resolve("hls/manifest.mpd")).doesNotExist();
    }

    @Test
    void everyDashSegmentNeedsTheKey() throws Exception {
        Document mpd = parse(out.resolve(result.dashManifest()));
        NodeList representations = mpd.getElementsByTagNameNS("*", "Representation");
        int streams = result.renditions().size() + (result.source().hasAudio() ? 1 : 0);
        assertThat(representations.getLength()).isEqualTo(streams);
        int checked = 0;
        for (int i = 0; i < representations.getLength(); i++) {
            Element representation = (Element) representations.item(i);
            Element template = (Element) representation.getElementsByTagNameNS("*", "SegmentTemplate").item(0);
            String id = representation.getAttribute("id");
            Path init = out.resolve("dash").resolve(template.getAttribute("initialization").replace("$RepresentationID$", id));
            long timescale = Long.parseLong(template.getAttribute("timescale"));
            long duration = Long.parseLong(template.getAttribute("duration"));
            int count = (int) Math.ceil(result.source().durationSeconds() * timescale / duration - 0.05);
            int start = Integer.parseInt(template.getAttribute("startNumber"));
            for (int n = start; n < start + count; n++) {
                Path segment = out.resolve("dash").resolve(template.getAttribute("media").replace("$RepresentationID$", id)
                        .replace("$Number%05d$", String.format(Locale.ROOT, "%05d", n)));
                byte[] bytes = Files.readAllBytes(segment);
                assertThat(decode(init, bytes, false)).as("decode of %s without key", segment.getFileName()).isFalse();
                assertThat(decode(init, bytes, true)).as("decode of %s with key", segment.getFileName()).isTrue();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(2 * streams);
    }

    @Test
    void theMpdCarriesCencAndClearKeyProtectionInEveryAdaptationSet() throws Exception {
        Document mpd = parse(out.resolve(result.dashManifest()));
        NodeList sets = mpd.getElementsByTagNameNS(DashContentProtection.DASH_NS, "AdaptationSet");
        assertThat(sets.getLength()).isEqualTo(result.source().hasAudio() ? 2 : 1);
        for (int i = 0; i < sets.getLength(); i++) {
            Element set = (Element) sets.item(i);
            List<Element> protections = new ArrayList<>();
            NodeList children = set.getChildNodes();
            for (int c = 0; c < children.getLength(); c++) {
                if (children.item(c) instanceof Element e && "ContentProtection".equals(e.getLocalName())) {
                    protections.add(e);
                }
            }
            assertThat(protections).hasSize(2);
            Element cenc = protections.get(0);
            assertThat(cenc.getNamespaceURI()).isEqualTo(DashContentProtection.DASH_NS);
            assertThat(cenc.getAttribute("schemeIdUri")).isEqualTo("urn:mpeg:dash:mp4protection:2011");
            assertThat(cenc.getAttribute("value")).isEqualTo("cenc");
            assertThat(cenc.getAttributeNS("urn:mpeg:cenc:2013", "default_KID")).isEqualTo(KID.toString());
            Element clearKey = protections.get(1);
            assertThat(clearKey.getAttribute("schemeIdUri")).isEqualTo("urn:uuid:e2719d58-a985-b3c9-781a-b030af78d30e");
            assertThat(clearKey.getAttribute("value")).isEqualTo("ClearKey1.0");
        }
        String text = Files.readString(out.resolve(result.dashManifest()));
        assertThat(text).contains("xmlns:cenc=\"urn:mpeg:cenc:2013\"", "cenc:default_KID=\"" + KID + "\"");
        // the manifest still parses as DASH for ffprobe (with the key: segments are encrypted)
        assertThat(TestMedia.ffprobe("-v", "error", "-decryption_key", PROTECTION.keyHex(), "-show_entries",
                "format=duration", "-of", "csv=p=0", out.resolve(result.dashManifest()).toString()).trim()).isNotEmpty();
    }

    @Test
    void theKeyIsValidatedCopiedAndNeverPrinted() {
        assertThatThrownBy(() -> new ContentProtection(new byte[15], KID, KEY_URI)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContentProtection(KEY, KID, "/relative/key")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContentProtection(KEY, KID, "file:///etc/key")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContentProtection(KEY, KID, "https://x.test/k\",IV=0x00"))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] key = KEY.clone();
        ContentProtection protection = new ContentProtection(key, KID, KEY_URI);
        key[0] = 42;
        protection.key()[1] = 42;
        assertThat(protection.keyHex()).isEqualTo("00112233445566778899aabbccddeeff");
        assertThat(protection.keyIdHex()).isEqualTo("0123abcd456789ef0123456789abcdef");
        assertThat(protection).isEqualTo(PROTECTION).hasSameHashCodeAs(PROTECTION);
        assertThat(protection.toString()).doesNotContain(protection.keyHex());
        List<String> args = CmafPackager.cencPackageArgs(Path.of("in.mp4"), result.source(), protection, Path.of("d"));
        assertThat(String.join(" ", args)).contains("encryption_key=" + protection.keyHex());
        assertThat(String.join(" ", ProcessRunner.redacted(args))).doesNotContain(protection.keyHex())
                .contains("encryption_kid=" + protection.keyIdHex());
        assertThat(ProcessRunner.redacted(List.of("-decryption_key", "abc", "-i", "x"))).containsExactly(
                "-decryption_key", "<redacted>", "-i", "x");
    }

    @Test
    void aFailedProtectedRunLeavesNothingClear(@TempDir Path other) throws Exception {
        Path picture = TestMedia.jpegNamedMp4();
        EncodingPipeline pipeline = TestMedia.pipeline();
        assertThatThrownBy(() -> pipeline.run(picture, other, PROTECTION, EncodingListener.NONE, new CancelHandle()))
                .isInstanceOf(UnsupportedMediaException.class);
        try (Stream<Path> top = Files.list(other)) {
            assertThat(top.toList()).isEmpty();
        }
    }

    @Test
    void cancellingAProtectedRunLeavesNothingClear(@TempDir Path other) throws Exception {
        CancelHandle cancel = new CancelHandle();
        EncodingListener cancelAtHalf = new EncodingListener() {
            @Override
            public void onProgress(int percent) {
                if (percent >= 30) {
                    cancel.cancel();
                }
            }
        };
        EncodingPipeline pipeline = TestMedia.pipeline();
        assertThatThrownBy(() -> pipeline.run(TestMedia.hd720(), other, PROTECTION, cancelAtHalf, cancel))
                .isInstanceOf(EncodingCancelledException.class);
        try (Stream<Path> top = Files.list(other)) {
            assertThat(top.toList()).isEmpty();
        }
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    static byte[] aesCbcDecrypt(byte[] encrypted, byte[] iv) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"), new IvParameterSpec(iv));
        return cipher.doFinal(encrypted);
    }

    /**
     * init + segment: true only when ffmpeg decodes it with {@code -xerror} and reports no error,
     * and ffprobe reads packets from it (a tail segment of a few AAC frames may decode to no frame after the priming); with {@code withKey} both get {@code -decryption_key}.
     * (ffmpeg alone is not enough: on an undecryptable audio segment it finds no packet, writes
     * nothing and still exits with 0.)
     */
    static boolean decode(Path init, byte[] segment, boolean withKey) throws IOException {
        return decodeProblem(init, segment, withKey) == null;
    }

    /** null when the segment decodes cleanly, else what went wrong. */
    static String decodeProblem(Path init, byte[] segment, boolean withKey) throws IOException {
        Path joined = Files.createTempFile("protected-", ".mp4");
        try {
            try (OutputStream o = Files.newOutputStream(joined)) {
                Files.copy(init, o);
                o.write(segment);
            }
            List<String> key = withKey ? List.of("-decryption_key", PROTECTION.keyHex()) : List.of();
            List<String> args = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-loglevel", "error", "-xerror"));
            args.addAll(key);
            args.addAll(List.of("-i", joined.toString(), "-f", "null", "-"));
            ProcessRunner.Outcome decoded = TestMedia.runner().ffmpeg(args, Duration.ofSeconds(30), new CancelHandle(),
                    line -> { });
            if (!decoded.succeeded() || !decoded.stderrTail().isEmpty()) {
                return "ffmpeg: exit " + decoded.exitCode() + " " + decoded.stderrTail();
            }
            List<String> probeArgs = new ArrayList<>(List.of("-v", "error", "-count_packets"));
            probeArgs.addAll(key);
            probeArgs.addAll(List.of("-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", joined.toString()));
            StringBuilder frames = new StringBuilder();
            ProcessRunner.Outcome probed = TestMedia.runner().ffprobe(probeArgs, Duration.ofSeconds(30),
                    new CancelHandle(), line -> frames.append(line.trim()));
            return probed.succeeded() && probed.stderrTail().isEmpty() && frames.toString().matches("[1-9][0-9]*")
                    ? null : "ffprobe: exit " + probed.exitCode() + " frames " + frames + " " + probed.stderrTail();
        } finally {
            Files.deleteIfExists(joined);
        }
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }
}
