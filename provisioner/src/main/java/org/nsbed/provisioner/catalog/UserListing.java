package org.nsbed.provisioner.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of {@code user list}: a user, whether a testbed admin, their projects with the role in
 * each (in membership order), and whether a web password is set.
 */
public record UserListing(String name, boolean admin, Map<String, String> projects, boolean password) {
  public UserListing {
    projects = Collections.unmodifiableMap(new LinkedHashMap<>(projects));
  }
}
