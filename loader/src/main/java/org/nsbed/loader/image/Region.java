package org.nsbed.loader.image;

/**
 * A run of disk bytes that a chunk fills: {@code length} bytes starting at absolute disk byte
 * {@code offset}. Everything a chunk's span covers outside its regions is zero (or free space).
 */
public record Region(long offset, int length) {
  public Region {
    if (offset < 0 || length <= 0) {
      throw new IllegalArgumentException("bad region offset " + offset + " length " + length);
    }
  }

  public long end() {
    return offset + length;
  }
}
