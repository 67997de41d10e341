package io.mediaconnector.video;

import java.util.List;
import java.util.Optional;

/** One page of a listing, and where the next one starts if there is one. */
public record VideoPage(List<Video> videos, Optional<PageCursor> next) {
}
