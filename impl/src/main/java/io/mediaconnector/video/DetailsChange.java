package io.mediaconnector.video;

import java.util.List;
import java.util.Map;

/** What a client asks to change in a video's details, as sent (not yet validated): null keeps the current value. */
public record DetailsChange(String name, String description, List<String> tags, Map<String, String> metadata) {
}
