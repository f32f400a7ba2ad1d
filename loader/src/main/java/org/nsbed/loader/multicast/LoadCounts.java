package org.nsbed.loader.multicast;

import java.util.UUID;

/** What a client's load has done so far, for its progress reports and its {@link LoadResult}. Event-loop confined. */
final class LoadCounts {
  int resumedChunks;
  long resumedBytes;
  int doneChunks;
  long doneBytes;
  long receivedBytes;
  long duplicateBlocks;
  long duplicateBytes;
  long noRoomBlocks;
  long requestsSent;
  int corruptChunks;

  /** Chunks on disk, resumed or written in this run. */
  int onDisk() {
    return resumedChunks + doneChunks;
  }

  LoadProgress progress(long totalBytes, int totalChunks) {
    return new LoadProgress(doneBytes + resumedBytes, totalBytes, onDisk(), totalChunks);
  }

  LoadResult result(UUID image, double seconds, long lostDatagrams, Drops drops) {
    return new LoadResult(image, doneBytes, doneChunks, resumedChunks, receivedBytes, duplicateBlocks, duplicateBytes,
        lostDatagrams, noRoomBlocks, seconds, true, corruptChunks, requestsSent, drops.ignored(),
        drops.get(Drops.Reason.INJECTED_LOSS), drops.get(Drops.Reason.BEFORE_READY));
  }
}
