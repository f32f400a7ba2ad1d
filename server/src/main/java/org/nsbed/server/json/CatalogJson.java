package org.nsbed.server.json;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nsbed.provisioner.catalog.ImageDescriptors.ImageView;
import org.nsbed.provisioner.catalog.ImageDescriptors.OsidView;
import org.nsbed.provisioner.catalog.NodeListing;

/** The JSON shapes of {@code image list}, {@code osid list} and {@code node list}, the same for the CLI and the API. */
public final class CatalogJson {
  private CatalogJson() {}

  /** {@code image list --json}: name, project, path, global, shared, loadPartition, nodeTypes, osids, plus details. */
  public static Map<String, Object> image(ImageView v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", v.name());
    m.put("project", v.project());
    m.put("path", v.path());
    m.put("global", v.global());
    m.put("shared", v.shared());
    m.put("loadPartition", v.loadPartition());
    m.put("nodeTypes", v.nodeTypes());
    m.put("osids", v.osids());
    m.put("description", v.description());
    Map<String, String> parts = new LinkedHashMap<>();
    v.partitions().forEach((slot, os) -> parts.put(Integer.toString(slot), os));
    m.put("partitions", parts);
    m.put("defaultOs", v.defaultOs());
    m.put("creator", v.creator());
    m.put("created", v.created().toString());
    m.put("updated", v.updated().toString());
    m.put("sizeBytes", v.sizeBytes());
    m.put("sha256", v.sha256());
    m.put("fileExists", v.fileExists());
    return m;
  }

  /** {@code osid list --json}: name, project, os, version, shared, plus details. */
  public static Map<String, Object> osid(OsidView o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", o.name());
    m.put("project", o.project());
    m.put("os", o.os());
    m.put("version", o.version());
    m.put("shared", o.shared());
    m.put("features", o.features());
    m.put("opMode", o.opMode());
    m.put("rebootWaitSeconds", o.rebootWaitSeconds());
    m.put("maxConcurrent", o.maxConcurrent());
    m.put("parentOs", o.parents());
    m.put("nextOs", o.nextOs());
    m.put("description", o.description());
    m.put("runsOn", o.runsOn());
    return m;
  }

  /** {@code node list --json}: name, type, state, pid, eid, vname, and why a node is down. */
  public static Map<String, Object> node(NodeListing n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", n.name());
    m.put("type", n.type());
    m.put("state", n.state().label());
    m.put("pid", n.pid());
    m.put("eid", n.eid());
    m.put("vname", n.vname());
    m.put("reason", n.downReason());
    return m;
  }
}
