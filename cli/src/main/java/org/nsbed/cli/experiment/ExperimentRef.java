package org.nsbed.cli.experiment;

import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;

/** An experiment named on the command line as {@code PID,EID} (Emulab's {@code -e pid,eid}). */
public record ExperimentRef(String pid, String eid) {
  public static ExperimentRef parse(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new UserError("-e takes PID,EID (for example -e testbed,myexp), not '" + text + "'", Nsbed.EXIT_USAGE);
    }
    return new ExperimentRef(parts[0].trim(), parts[1].trim());
  }

  @Override
  public String toString() {
    return pid + "/" + eid;
  }
}
