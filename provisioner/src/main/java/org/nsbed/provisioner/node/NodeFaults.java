package org.nsbed.provisioner.node;

import java.util.OptionalInt;
import org.nsbed.provisioner.testbed.TestbedFile;

/**
 * Faults injected into a simulated node (the testbed file's {@code faults:}).
 *
 * @param bootNever the OS on the disk never comes up (the console stops mid-boot)
 * @param bootFails the OS comes up but its testbed setup fails (TBFAILED)
 * @param loadDiesAtPercent the disk loader dies silently when a load reaches this percentage
 * @param loss fraction of multicast datagrams the node's loader drops
 */
public record NodeFaults(boolean bootNever, boolean bootFails, OptionalInt loadDiesAtPercent, double loss) {

  /** A healthy node. */
  public static final NodeFaults NONE = new NodeFaults(false, false, OptionalInt.empty(), 0.0);

  /** The faults the testbed file declares for one node. */
  public static NodeFaults from(TestbedFile.Fault fault) {
    boolean never = fault.boot().filter(b -> b == TestbedFile.BootFault.NEVER).isPresent();
    boolean fails = fault.boot().filter(b -> b == TestbedFile.BootFault.FAILED).isPresent();
    return new NodeFaults(never, fails, fault.loadDiesAtPercent(), fault.loss());
  }
}
