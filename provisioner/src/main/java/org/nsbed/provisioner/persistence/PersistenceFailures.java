package org.nsbed.provisioner.persistence;

/**
 * What a user is told when the database refuses a statement that nsbed's own checks should have
 * kept from it: one line without exception class names, SQL or column types. The full exception
 * still goes to the verbose output ({@code -v}) for the developer who has to close the gap.
 */
public final class PersistenceFailures {

  private PersistenceFailures() {}

  /** True if {@code e} or one of its causes is an exception of Hibernate, JPA or JDBC. */
  public static boolean isPersistenceFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String name = t.getClass().getName();
      if (name.startsWith("org.hibernate.") || name.startsWith("jakarta.persistence.")
          || name.startsWith("java.sql.") || name.startsWith("org.h2.") || name.startsWith("org.mariadb.")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A one-line description of {@code e} for a user: for a persistence failure a plain sentence,
   * otherwise the exception's own message.
   */
  public static String describe(Throwable e) {
    if (e instanceof DatabaseException) {
      return e.getMessage();
    }
    if (isPersistenceFailure(e)) {
      return "the database refused to store the change (a value longer than nsbed allows, or a conflicting "
          + "change by another process); nothing of that step was stored. Run the command again with -v to see the "
          + "database's answer";
    }
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }
}
