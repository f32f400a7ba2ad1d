package org.nsbed.provisioner.disk;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first sector of a simulated disk partition that holds an OS: plain ASCII,
 * {@code NSBED-BOOT 1\nosid=..\nos=..\nversion=..\ntypes=t1,t2\nimage=..\n}, zero padded to 512 bytes.
 *
 * @param osid the OSID installed on the partition
 * @param os OS family (FreeBSD, Linux, ...)
 * @param version OS version
 * @param types the node types the OS has drivers for
 * @param image the Image ID the partition was made from
 */
public record BootBlock(String osid, String os, String version, List<String> types, String image) {

  static final String MAGIC = "NSBED-BOOT 1";

  public BootBlock {
    types = List.copyOf(types);
    for (String v : List.of(osid, os, version, image)) {
      if (v.contains("\n") || v.contains("\0")) {
        throw new IllegalArgumentException("boot block values cannot contain line breaks: '" + v + "'");
      }
    }
  }

  /** True if the OS has drivers for {@code nodeType}. */
  public boolean supports(String nodeType) {
    return types.contains(nodeType);
  }

  /** The 512-byte sector. */
  public byte[] toSector() {
    String text = MAGIC + "\nosid=" + osid + "\nos=" + os + "\nversion=" + version + "\ntypes="
        + String.join(",", types) + "\nimage=" + image + "\n";
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length > DiskLabel.SECTOR) {
      throw new IllegalArgumentException("boot block longer than one sector (" + bytes.length + " bytes)");
    }
    return Arrays.copyOf(bytes, DiskLabel.SECTOR);
  }

  /** Parses a partition's first sector; empty if it is not a boot block. */
  public static Optional<BootBlock> parse(byte[] sector) {
    int end = 0;
    while (end < sector.length && sector[end] != 0) {
      end++;
    }
    String text = new String(sector, 0, end, StandardCharsets.US_ASCII);
    String[] lines = text.split("\n");
    if (lines.length == 0 || !lines[0].equals(MAGIC)) {
      return Optional.empty();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int eq = lines[i].indexOf('=');
      if (eq > 0) {
        fields.put(lines[i].substring(0, eq), lines[i].substring(eq + 1));
      }
    }
    String osid = fields.get("osid");
    if (osid == null || osid.isEmpty()) {
      return Optional.empty();
    }
    String types = fields.getOrDefault("types", "");
    return Optional.of(new BootBlock(osid, fields.getOrDefault("os", ""), fields.getOrDefault("version", ""),
        types.isEmpty() ? List.of() : List.of(types.split(",")), fields.getOrDefault("image", "")));
  }
}
