package org.nsbed.provisioner.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.hibernate.exception.DataException;
import org.junit.jupiter.api.Test;

class PersistenceFailuresTest {

  @Test
  void aPersistenceExceptionIsDescribedWithoutClassNamesSqlOrColumns() {
    RuntimeException e = new IllegalStateException("wrapped", new DataException(
        "could not execute statement [Value too long for column \"VNAME CHARACTER VARYING(64)\"]",
        new SQLException("Value too long for column \"VNAME CHARACTER VARYING(64)\"")));
    String message = PersistenceFailures.describe(e);
    assertTrue(message.startsWith("the database refused to store the change"), message);
    assertFalse(message.contains("hibernate") || message.contains("VNAME") || message.contains("Exception"), message);
  }

  @Test
  void otherExceptionsKeepTheirMessage() {
    assertEquals("disk full", PersistenceFailures.describe(new IllegalStateException("disk full")));
  }
}
