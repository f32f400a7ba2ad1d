package org.nsbed.provisioner.experiment.lifecycle;

import java.util.List;

/** The swap engine's entities, to register with {@code Database.open(url, LifecycleEntities.ALL)}. */
public final class LifecycleEntities {
  public static final List<Class<?>> ALL =
      List.of(ExperimentNode.class, ExperimentRun.class, ExperimentLogLine.class, Operation.class,
          OutboxMessage.class);

  private LifecycleEntities() {}
}
