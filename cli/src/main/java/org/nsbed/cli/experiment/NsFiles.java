package org.nsbed.cli.experiment;

import java.io.IOException;
import org.nsbed.provisioner.experiment.ExperimentLimits;
import org.nsbed.provisioner.mapping.ExperimentTopology;
import org.nsbed.provisioner.mapping.MappingCheck;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.nsbed.cli.UserError;
import org.nsbed.interpreter.NsParser;
import org.nsbed.interpreter.ParseMode;
import org.nsbed.interpreter.ParseRequest;
import org.nsbed.interpreter.ParseResult;
import org.nsbed.interpreter.ir.Diagnostic;
import org.nsbed.provisioner.catalog.DatabaseCatalog;

/**
 * Reading and parsing an experiment's NS file for startexp and modexp: the text is untrusted, so
 * it is evaluated in a separate JVM (the front end's isolated mode) against the database catalogue.
 */
public final class NsFiles {
  /** The file's text and its IR JSON. */
  record Parsed(String text, String irJson) {}

  private NsFiles() {}

  /**
   * The text of an NS file; a missing or unreadable file is the user's error. A file that is not
   * UTF-8 is read as Latin-1, as the reference's Tcl reads it (every byte is a character), and a
   * warning on stderr names the first line that is not UTF-8.
   */
  public static String read(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      try {
        return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      } catch (java.nio.charset.CharacterCodingException notUtf8) {
        System.err.println("nsbed: warning: " + file + ":" + firstNonUtf8Line(bytes)
            + ": the file is not UTF-8; it is read as Latin-1 (ISO-8859-1), as Emulab's Tcl reads it");
        return new String(bytes, StandardCharsets.ISO_8859_1);
      }
    } catch (NoSuchFileException e) {
      throw new UserError("no such NS file: " + file);
    } catch (IOException e) {
      throw new UserError("cannot read the NS file " + file + ": " + e.getMessage());
    }
  }

  /** The 1-based line of the first byte sequence that is not valid UTF-8. */
  private static int firstNonUtf8Line(byte[] bytes) {
    int start = 0;
    int line = 1;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        try {
          StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes, start, i - start));
        } catch (java.nio.charset.CharacterCodingException e) {
          return line;
        }
        line++;
        start = i + 1;
      }
    }
    return 1;
  }

  static Parsed parse(SwapSession session, Path file, String pid, String eid) {
    String text = read(file);
    ParseRequest request = ParseRequest.of(file.toString(), text, ParseMode.FULL, DatabaseCatalog.load(session.db, pid))
        .withExperiment(pid, eid);
    ParseResult result = ExperimentLimits.check(NsParser.parseIsolated(request));
    PrintStream err = System.err;
    for (Diagnostic d : result.diagnostics()) {
      if (d.isError() || !session.nsbed.quiet()) {
        err.println(d.format());
      }
    }
    if (!result.ok()) {
      throw new UserError("NS parse failed: " + file + " has " + result.errors().size()
          + " error(s); nothing was changed");
    }
    String irJson = result.toJson();
    new MappingCheck(session.db, session.nsbed.home()).whyNever(pid, ExperimentTopology.fromIrJson(irJson))
        .ifPresent(why -> {
          throw new UserError(file + ": " + why + "; nothing was changed");
        });
    return new Parsed(text, irJson);
  }

  /** A diagnostic the server sent, printed as the front end prints its own. */
  static String format(com.fasterxml.jackson.databind.JsonNode diagnostic) {
    try {
      return org.nsbed.server.json.ExperimentJson.MAPPER.treeToValue(diagnostic, Diagnostic.class).format();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return diagnostic.toString();
    }
  }
}
