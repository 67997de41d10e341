package io.mediaconnector.video;

import io.mediaconnector.failure.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VideoRulesTest {
    private final VideoRules rules = new VideoRules(new InputFormats());

    @Test
    void extensionIsLowerCasedAndMustBeAnInputFormat() {
        assertThat(rules.extensionOf("Holiday.MP4")).isEqualTo("mp4");
        assertThat(rules.extensionOf("C:\\clips\\a.b.mkv")).isEqualTo("mkv");
        assertThatThrownBy(() -> rules.extensionOf("notes.txt"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no supported extension");
        assertThatThrownBy(() -> rules.extensionOf("noextension"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no supported extension");
        assertThatThrownBy(() -> rules.extensionOf("trailingdot."))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> rules.extensionOf("  "))
                .isInstanceOf(InvalidInputException.class).hasMessage("OriginalFileName is required.");
    }

    @Test
    void modesAcceptTheConnectorSpellingsAndNothingElse() {
        assertThat(rules.contentProtection(null)).isEqualTo(ContentProtection.NONE);
        assertThat(rules.contentProtection("")).isEqualTo(ContentProtection.NONE);
        assertThat(rules.contentProtection("None")).isEqualTo(ContentProtection.NONE);
        assertThat(rules.contentProtection("aes128")).isEqualTo(ContentProtection.AES128);
        assertThatThrownBy(() -> rules.contentProtection("PlayReady"))
                .hasMessageContaining("ContentProtectionMode must be None or AES128, was 'PlayReady'");
        assertThat(rules.inputEncryption(null)).isEqualTo(InputEncryption.NONE);
        assertThat(rules.inputEncryption("AES256")).isEqualTo(InputEncryption.AES256);
        assertThatThrownBy(() -> rules.inputEncryption("AES128"))
                .hasMessageContaining("InputStorageEncryptionMode must be empty or AES256");
    }

    @Test
    void nameDefaultsToTheFileNameWithoutItsPath() {
        assertThat(rules.name(null, "/home/me/clip.mp4")).isEqualTo("clip.mp4");
        assertThat(rules.name("", "C:\\me\\clip.mp4")).isEqualTo("clip.mp4");
        assertThat(rules.name("  My clip ", "clip.mp4")).isEqualTo("My clip");
    }

    @Test
    void tagsAreTrimmedDeduplicatedAndBounded() {
        assertThat(rules.tags(List.of(" a", "b", "a "))).containsExactly("a", "b");
        assertThatThrownBy(() -> rules.tags(List.of(" ")))
                .hasMessage("Tags[0] is empty; a tag is a non-empty string.");
        assertThatThrownBy(() -> rules.tags(java.util.Arrays.asList("a", null)))
                .hasMessage("Tags[1] is null; a tag is a non-empty string.");
        assertThatThrownBy(() -> rules.tags(List.of("x".repeat(65))))
                .hasMessageContaining("longer than 64");
        List<String> many = IntStream.range(0, 51).mapToObj(i -> "t" + i).toList();
        assertThatThrownBy(() -> rules.tags(many)).hasMessage("At most 50 tags are allowed.");
    }

    @Test
    void metadataIsBounded() {
        assertThat(rules.metadata(Map.of("camera", "gopro"))).containsEntry("camera", "gopro");
        assertThatThrownBy(() -> rules.metadata(Map.of("k", "v".repeat(1025))))
                .hasMessageContaining("longer than 1024");
        assertThatThrownBy(() -> rules.metadata(Collections.singletonMap("k", null)))
                .hasMessage("Metadata['k'] is null; a Metadata value is a string (it may be empty).");
    }

    @Test
    void statusFilterNamesTheAllowedValues() {
        assertThat(rules.stateFilter("completed")).isEqualTo(VideoState.COMPLETED);
        assertThat(rules.stateFilter(null)).isNull();
        assertThatThrownBy(() -> rules.stateFilter("Done"))
                .hasMessageContaining("Created, Processing, Completed, Failed");
    }
}
