package io.mediaconnector.storage.filesystem;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a byte range of a committed blob across its block files, one after the other. The first
 * {@value #EAGER_OPEN_LIMIT} files are opened at once, so a read that has started keeps its
 * version even if the blob is replaced meanwhile (the open files outlive the rename); the rest
 * are opened when the stream reaches them, and fail with an {@link IOException} if the blob was
 * replaced by then.
 */
final class SegmentedInputStream extends InputStream {
    static final int EAGER_OPEN_LIMIT = 64;
    private static final int TRANSFER_BUFFER_SIZE = 256 * 1024;

    /** {@code length} bytes of {@code file} from {@code offset}. */
    private record Piece(Path file, long offset, long length) {
    }

    private final List<Piece> pieces;
    private final FileChannel[] channels;
    private int index;
    private long done; // bytes read from pieces[index]
    private boolean closed;

    private SegmentedInputStream(List<Piece> pieces) {
        this.pieces = pieces;
        this.channels = new FileChannel[pieces.size()];
    }

    /**
     * Opens bytes {@code [first, first + length)} of the blob {@code manifest} describes, its
     * block files in {@code directory}. Throws {@link NoSuchFileException} if one of the files
     * opened at once is gone: the blob was replaced after the manifest was read.
     */
    static SegmentedInputStream open(Path directory, BlobManifest manifest, long first, long length) throws IOException {
        List<Piece> pieces = new ArrayList<>();
        long offset = 0;
        for (BlobManifest.Segment s : manifest.segments()) {
            long start = Math.max(first, offset);
            long end = Math.min(first + length, offset + s.length());
            if (start < end) {
                pieces.add(new Piece(directory.resolve(s.file()), start - offset, end - start));
            }
            offset += s.length();
        }
        SegmentedInputStream in = new SegmentedInputStream(pieces);
        try {
            for (int i = 0; i < Math.min(EAGER_OPEN_LIMIT, pieces.size()); i++) {
                in.channels[i] = openChannel(pieces.get(i).file());
            }
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (index < pieces.size()) {
            Piece piece = pieces.get(index);
            if (done >= piece.length()) {
                closeChannel(index);
                index++;
                done = 0;
                continue;
            }
            FileChannel channel = channel(index);
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, piece.length() - done)),
                    piece.offset() + done);
            if (n < 0) {
                throw new IOException("block file shorter than its manifest says: " + piece.file());
            }
            done += n;
            return n;
        }
        return -1;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && index < pieces.size()) {
            long step = Math.min(n - skipped, pieces.get(index).length() - done);
            done += step;
            skipped += step;
            if (done >= pieces.get(index).length()) {
                closeChannel(index);
                index++;
                done = 0;
            }
        }
        return skipped;
    }

    @Override
    public int available() {
        return index < pieces.size() ? (int) Math.min(Integer.MAX_VALUE, pieces.get(index).length() - done) : 0;
    }

    /** With a buffer larger than the JDK's 16 KiB default: fewer reads and writes for a whole segment. */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        byte[] buffer = new byte[TRANSFER_BUFFER_SIZE];
        long total = 0;
        int n;
        while ((n = read(buffer, 0, buffer.length)) >= 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    private FileChannel channel(int i) throws IOException {
        if (channels[i] == null) {
            try {
                channels[i] = openChannel(pieces.get(i).file());
            } catch (NoSuchFileException e) {
                throw new IOException("the blob was replaced or deleted while being read", e);
            }
        }
        return channels[i];
    }

    private static FileChannel openChannel(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    private void closeChannel(int i) throws IOException {
        if (channels[i] != null) {
            channels[i].close();
            channels[i] = null;
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        IOException failure = null;
        for (int i = 0; i < channels.length; i++) {
            try {
                closeChannel(i);
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
