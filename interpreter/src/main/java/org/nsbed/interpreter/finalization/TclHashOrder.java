package org.nsbed.interpreter.finalization;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The iteration order of a Tcl 8 string-keyed hash table ({@code array names}), reproduced from
 * the same sequence of inserts and deletes.
 *
 * <p>The reference parser keeps links and LANs in a Tcl array and assigns subnets in that
 * array's order, so reproducing it reproduces the reference's IP addresses (docs/ns-language.md,
 * "How addresses are assigned"): hash {@code h = h*9 + byte} over the UTF-8 bytes; 4 buckets to
 * start, bucket {@code h & (buckets-1)}; new entries at the front of their chain; when the entry
 * count reaches 3 x buckets the table grows x4 and re-inserts the old entries bucket by bucket,
 * front to back.
 */
public final class TclHashOrder {

  private static final class Entry {
    final String key;
    final int hash;
    Entry next;

    Entry(String key, int hash) {
      this.key = key;
      this.hash = hash;
    }
  }

  private Entry[] buckets = new Entry[4];
  private int size;

  /** Adds a key that is not present. */
  public void insert(String key) {
    Entry e = new Entry(key, hash(key));
    push(buckets, e);
    size++;
    if (size >= 3 * buckets.length) {
      rebuild();
    }
  }

  /** Removes a key; absent keys are ignored. */
  public void delete(String key) {
    int h = hash(key);
    int index = h & (buckets.length - 1);
    Entry previous = null;
    for (Entry e = buckets[index]; e != null; previous = e, e = e.next) {
      if (e.hash == h && e.key.equals(key)) {
        if (previous == null) {
          buckets[index] = e.next;
        } else {
          previous.next = e.next;
        }
        size--;
        return;
      }
    }
  }

  /** The keys in Tcl's iteration order. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>(size);
    for (Entry bucket : buckets) {
      for (Entry e = bucket; e != null; e = e.next) {
        keys.add(e.key);
      }
    }
    return keys;
  }

  private void rebuild() {
    Entry[] old = buckets;
    Entry[] grown = new Entry[old.length * 4];
    for (Entry bucket : old) {
      Entry e = bucket;
      while (e != null) {
        Entry next = e.next;
        push(grown, e);
        e = next;
      }
    }
    buckets = grown;
  }

  private static void push(Entry[] table, Entry e) {
    int index = e.hash & (table.length - 1);
    e.next = table[index];
    table[index] = e;
  }

  static int hash(String key) {
    int h = 0;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h = h * 9 + (b & 0xFF);
    }
    return h;
  }
}
