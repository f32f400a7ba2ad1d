package org.nsbed.cli.node;

import java.util.List;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.cli.experiment.SwapSession;
import org.nsbed.provisioner.catalog.ImageDescriptors;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.experiment.lifecycle.Operation;

/**
 * The {@code create_image} operation as commands run it: the swap engine's checks, the stored
 * operation, and (when the command waits) the capture in this process with live progress.
 * {@code nsbed create_image} and {@code nsbed image create --snapshot-node} both go through it.
 */
public final class ImageCapture implements AutoCloseable {
  private final SwapSession session;

  private ImageCapture(SwapSession session) {
    this.session = session;
  }

  /** Opens the database (with the swap engine's tables), the simulated testbed and the engine. */
  public static ImageCapture open(Nsbed nsbed) {
    return new ImageCapture(SwapSession.open(nsbed));
  }

  /** The image descriptors of the database this capture works in; the caller may create the descriptor through them. */
  public ImageDescriptors descriptors() {
    return new ImageDescriptors(session.db, session.nsbed.home());
  }

  /** The project of the experiment holding {@code node}, else {@code emulab-ops}. */
  String projectOf(String node) {
    return session.nodeOps().projectHolding(node).orElse("emulab-ops");
  }

  /**
   * Makes create_image's checks of the node and the user without needing the descriptor.
   *
   * @throws UserError (exit 1) naming what is wrong: unknown, remote or unreserved node, no access
   */
  public void checkSource(String pid, String node) {
    try {
      session.nodeOps().checkCaptureSource(session.nsbed.user(), pid, node);
    } catch (LifecycleException e) {
      throw new UserError(e.getMessage());
    }
  }

  /**
   * Stores the create_image operation and its job.
   *
   * @throws UserError (exit 1) if create_image refuses it; nothing is stored then
   */
  public Operation start(String pid, String imageName, String node) {
    try {
      return session.nodeOps().createImage(session.nsbed.user(), pid, imageName, node);
    } catch (LifecycleException e) {
      throw new UserError(e.getMessage());
    }
  }

  /**
   * Runs the scheduler here and follows the capture to its end; {@code show} prints live progress
   * and the outcome.
   */
  public Operation follow(Operation op, String node, boolean show) {
    return session.follow(op, NodeTargets.experimentsOf(session, List.of(node)), List.of(node), show);
  }

  @Override
  public void close() {
    session.close();
  }
}
