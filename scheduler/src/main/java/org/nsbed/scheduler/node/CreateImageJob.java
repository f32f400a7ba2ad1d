package org.nsbed.scheduler.node;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.nsbed.loader.image.ImageInfo;
import org.nsbed.provisioner.experiment.lifecycle.NodeStore;
import org.nsbed.provisioner.testbed.StandInImages;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.engine.OperationJob;
import org.nsbed.scheduler.provisioning.NodeOutcome;
import org.quartz.JobDataMap;

/**
 * The persistent job of {@code create_image}: the node reboots into the admin MFS, imagezip
 * captures its disk (or the descriptor's partition) into the descriptor's file, the descriptor
 * records the new size and hash, and the node boots its disk again.
 */
public final class CreateImageJob extends OperationJob {
  @Override
  protected void perform(Engine engine, String operationId, JobDataMap data, boolean recovering)
      throws InterruptedException {
    Map.Entry<String, String> target = NodeOperations.decode(data.getString(NodeOperations.LOADS)).entrySet()
        .iterator().next();
    String node = target.getKey();
    String[] pn = target.getValue().split("/", 2);
    NodeStore.CaptureTarget d = engine.nodes().startCapture(operationId, pn[0], pn[1]);
    NodeRun run = new NodeRun(engine);
    String subject = "create_image " + target.getValue() + " from " + node;
    try {
      ImageInfo info = engine.driver().captureImage(node, d.partition(), d.file());
      long size = Files.size(d.file());
      String sha = StandInImages.sha256(d.file());
      engine.nodes().imageCaptured(pn[0], pn[1], size, sha);
      NodeOutcome reboot = run.run(Map.of(node, ""), true).get(0);
      String message = "captured " + node + " into " + d.file().getFileName() + " (" + size + " bytes, "
          + info.chunkCount() + " chunks, sha256 " + sha.substring(0, 12) + "...); " + node
          + (reboot.up() ? " is up again" : " did not come back up: " + reboot.reason());
      run.finish(operationId, subject + " finished", true, reboot.up() ? 0 : 1, message, List.of(node));
    } catch (IOException e) {
      run.finish(operationId, subject + " failed", false, 1, e.getMessage(), List.of(node));
    }
  }
}
