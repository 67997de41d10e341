package io.mediaconnector.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaconnector.account.AccountService;
import io.mediaconnector.account.KeyHasher;
import io.mediaconnector.api.VideoRepresentation;
import io.mediaconnector.config.Settings;
import io.mediaconnector.db.AccountRepository;
import io.mediaconnector.db.Database;
import io.mediaconnector.db.VideoRepository;
import io.mediaconnector.support.Json;
import io.mediaconnector.support.Randomness;
import io.mediaconnector.video.InputFormats;
import io.mediaconnector.video.UploadLinks;
import io.mediaconnector.video.VideoRemoval;
import io.mediaconnector.video.VideoRules;
import io.mediaconnector.video.VideoService;

import java.time.Clock;
import java.util.Optional;

/** The composition root: every long-lived object of a node, built once, in dependency order. */
public final class Components implements AutoCloseable {
    final Settings settings;
    final ObjectMapper json;
    final Database database;
    final InputFormats formats;
    final AccountService accounts;
    final VideoService videos;
    final VideoRepresentation representation;

    public Components(Settings settings, Clock clock, Randomness randomness) {
        this.settings = settings;
        this.json = Json.newMapper();
        this.database = Database.open(settings);
        this.formats = new InputFormats();
        this.accounts = new AccountService(new AccountRepository(database.jdbi()), new KeyHasher(), clock, randomness,
                settings.apiKeyCacheTtl());
        VideoRepository videoRepository = new VideoRepository(database.jdbi(), json);
        this.videos = new VideoService(videoRepository, new VideoRules(formats), VideoRemoval.NOTHING_ELSE, clock, randomness);
        UploadLinks noUploadYet = video -> Optional.empty();
        this.representation = new VideoRepresentation(noUploadYet);
    }

    @Override
    public void close() {
        database.close();
    }
}
