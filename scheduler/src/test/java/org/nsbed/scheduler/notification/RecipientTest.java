package org.nsbed.scheduler.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nsbed.provisioner.catalog.Project;
import org.nsbed.provisioner.catalog.User;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.lifecycle.Operation;

class RecipientTest {
  private final Experiment experiment = new Experiment(new Project("testbed"), "timed", new User("alice", false),
      "# ns", "{}");

  @Test
  void theAutomaticSwapOutIsToldToTheExperimentsOwner() {
    assertEquals("alice", Notifications.recipient(new Operation(Operation.Kind.SWAPOUT, 1L, Notifications.SYSTEM),
        experiment));
  }

  @Test
  void anOperationSomeoneRequestedIsToldToThem() {
    assertEquals("bob", Notifications.recipient(new Operation(Operation.Kind.SWAPOUT, 1L, "bob"), experiment));
  }
}
