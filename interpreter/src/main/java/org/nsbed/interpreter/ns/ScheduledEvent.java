package org.nsbed.interpreter.ns;

import org.nsbed.grammar.SourcePosition;

/**
 * An event as scheduled: the object it acts on is kept (not its name), so a later rename is
 * reflected in the output.
 *
 * @param time seconds (relative to the start of its sequence or timeline for those)
 * @param trigger {@code timer} or {@code swapout}
 * @param target the object acted on
 * @param objectType {@code LINK}, {@code NODE}, ...
 * @param event {@code UP}, {@code START}, {@code MODIFY}, ...
 * @param args event arguments
 * @param position the {@code at} (or sequence) command
 */
public record ScheduledEvent(double time, String trigger, NsObject target, String objectType, String event,
    String args, SourcePosition position) {

  /** The name the event addresses ({@code <link>-<node>} for queues, {@code <link>-tracemon} for traces). */
  public String objectName() {
    if (target instanceof Queue q) {
      return q.eventName();
    }
    if (target instanceof ProgramAgent p) {
      return p.programName();
    }
    return objectType.equals("LINKTRACE") ? target.name() + "-tracemon" : target.name();
  }
}
