package io.mediaconnector.video;

import io.mediaconnector.failure.InvalidInputException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The rules a create or update request must follow; each broken rule is a precise 400. */
public final class VideoRules {
    static final int MAX_TAGS = 50;
    static final int MAX_TAG_LENGTH = 64;
    static final int MAX_METADATA_ENTRIES = 50;
    static final int MAX_METADATA_KEY_LENGTH = 128;
    static final int MAX_METADATA_VALUE_LENGTH = 1024;
    static final int MAX_NAME_LENGTH = 255;
    static final int MAX_DESCRIPTION_LENGTH = 5000;

    private final InputFormats formats;

    public VideoRules(InputFormats formats) {
        this.formats = formats;
    }

    /** The accepted, lower-case extension of the original file name. */
    public String extensionOf(String originalFileName) {
        if (originalFileName == null || originalFileName.isBlank()) {
            throw new InvalidInputException("OriginalFileName is required.");
        }
        return formats.acceptedExtension(originalFileName.trim()).orElseThrow(() -> new InvalidInputException(
                "OriginalFileName '" + originalFileName + "' has no supported extension; GET /api/Formats lists them."));
    }

    public ContentProtection contentProtection(String mode) {
        if (mode == null || mode.isBlank() || mode.equalsIgnoreCase("None")) {
            return ContentProtection.NONE;
        }
        if (mode.equalsIgnoreCase("AES128")) {
            return ContentProtection.AES128;
        }
        throw new InvalidInputException("ContentProtectionMode must be None or AES128, was '" + mode + "'.");
    }

    public InputEncryption inputEncryption(String mode) {
        if (mode == null || mode.isBlank() || mode.equalsIgnoreCase("None")) {
            return InputEncryption.NONE;
        }
        if (mode.equalsIgnoreCase("AES256")) {
            return InputEncryption.AES256;
        }
        throw new InvalidInputException("InputStorageEncryptionMode must be empty or AES256, was '" + mode + "'.");
    }

    /** The display name: as given, else the original file name without any path. */
    public String name(String name, String originalFileName) {
        if (name != null && !name.isBlank()) {
            return checkedName(name);
        }
        String base = originalFileName.trim();
        base = base.substring(Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\')) + 1);
        return base.length() > MAX_NAME_LENGTH ? base.substring(0, MAX_NAME_LENGTH) : base;
    }

    public String checkedName(String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException("Name must not be empty.");
        }
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("Name is longer than " + MAX_NAME_LENGTH + " characters.");
        }
        return trimmed;
    }

    public String description(String description) {
        String value = description == null ? "" : description;
        if (value.length() > MAX_DESCRIPTION_LENGTH) {
            throw new InvalidInputException("Description is longer than " + MAX_DESCRIPTION_LENGTH + " characters.");
        }
        return value;
    }

    /** Trimmed, de-duplicated tags in the order given. */
    public List<String> tags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        Set<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (tag == null) {
                throw new InvalidInputException("Tags[" + i + "] is null; a tag is a non-empty string.");
            }
            String trimmed = tag.trim();
            if (trimmed.isEmpty()) {
                throw new InvalidInputException("Tags[" + i + "] is empty; a tag is a non-empty string.");
            }
            if (trimmed.length() > MAX_TAG_LENGTH) {
                throw new InvalidInputException("Tag '" + trimmed + "' is longer than " + MAX_TAG_LENGTH + " characters.");
            }
            unique.add(trimmed);
        }
        if (unique.size() > MAX_TAGS) {
            throw new InvalidInputException("At most " + MAX_TAGS + " tags are allowed.");
        }
        return new ArrayList<>(unique);
    }

    public Map<String, String> metadata(Map<String, String> metadata) {
        if (metadata == null) {
            return Map.of();
        }
        if (metadata.size() > MAX_METADATA_ENTRIES) {
            throw new InvalidInputException("At most " + MAX_METADATA_ENTRIES + " Metadata entries are allowed.");
        }
        metadata.forEach((key, value) -> {
            if (key.isBlank() || key.length() > MAX_METADATA_KEY_LENGTH) {
                throw new InvalidInputException("Metadata keys must be 1 to " + MAX_METADATA_KEY_LENGTH + " characters.");
            }
            if (value == null) {
                throw new InvalidInputException("Metadata['" + key + "'] is null; a Metadata value is a string (it may be empty).");
            }
            if (value.length() > MAX_METADATA_VALUE_LENGTH) {
                throw new InvalidInputException("Metadata '" + key + "' is longer than " + MAX_METADATA_VALUE_LENGTH + " characters.");
            }
        });
        return metadata;
    }

    public VideoState stateFilter(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        for (VideoState state : VideoState.values()) {
            if (state.wireName().toLowerCase(Locale.ROOT).equals(status.trim().toLowerCase(Locale.ROOT))) {
                return state;
            }
        }
        throw new InvalidInputException("status must be one of Created, Processing, Completed, Failed; was '" + status + "'.");
    }
}
