package org.nsbed.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.nsbed.server.json.ExperimentJson;

/** Reading requests: JSON bodies, names in paths, and their limits. Every check fails with 400 or 413. */
final class Requests {
  /** The largest NS file the API accepts, as startexp does. */
  static final int MAX_NS_FILE = 1 << 20;

  static final Pattern PID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,47}");
  static final Pattern EID = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,31}");
  static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
  static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,29}");

  private Requests() {}

  /** The request body as a JSON object; an empty body reads as {@code {}}. */
  static ObjectNode body(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) {
      return ExperimentJson.MAPPER.createObjectNode();
    }
    try {
      JsonNode node = ExperimentJson.MAPPER.readTree(text);
      if (node instanceof ObjectNode o) {
        return o;
      }
      throw ApiException.badRequest("the request body must be a JSON object");
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    }
  }

  /** A path or body value that must match {@code pattern}; {@code what} names it in the error. */
  static String name(String value, Pattern pattern, String what) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw ApiException.badRequest(what + " '" + (value == null ? "" : abbreviate(value))
          + "' is not valid (expected " + pattern.pattern() + ")");
    }
    return value;
  }

  /** A required text field of a JSON body. */
  static String text(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      throw ApiException.badRequest("field '" + field + "' is required");
    }
    if (!v.isTextual()) {
      throw ApiException.badRequest("field '" + field + "' must be a string");
    }
    return v.asText();
  }

  /** An optional text field. */
  static String optionalText(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    return v == null || v.isNull() ? null : text(body, field);
  }

  /** An optional whole number, at least 1. */
  static Integer optionalPositive(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
      throw ApiException.badRequest("field '" + field + "' must be a whole number of at least 1");
    }
    return v.asInt();
  }

  /** An optional whole number (any sign). */
  static Integer optionalInt(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw ApiException.badRequest("field '" + field + "' must be a whole number");
    }
    return v.asInt();
  }

  /** An optional boolean, false when absent. */
  static boolean flag(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw ApiException.badRequest("field '" + field + "' must be true or false");
    }
    return v.asBoolean();
  }

  /** An optional list of strings (a JSON array, or one comma-separated string). */
  static List<String> list(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    if (v.isTextual()) {
      for (String part : v.asText().split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
      return out;
    }
    if (!v.isArray()) {
      throw ApiException.badRequest("field '" + field + "' must be a list of strings");
    }
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw ApiException.badRequest("field '" + field + "' must be a list of strings");
      }
      out.add(item.asText());
    }
    return out;
  }

  /** A query parameter that counts something: 0 to {@code max}, {@code absent} when not given. */
  static int count(Context ctx, String parameter, int absent, int max) {
    String text = ctx.queryParam(parameter);
    if (text == null) {
      return absent;
    }
    if (!DIGITS.matcher(text).matches() || Integer.parseInt(text) > max) {
      throw ApiException.badRequest(parameter + " must be a whole number from 0 to " + max + ", not '"
          + abbreviate(text) + "'");
    }
    return Integer.parseInt(text);
  }

  /** An NS file's text, refused with 413 above {@link #MAX_NS_FILE} bytes. */
  static String nsFile(String text) {
    if (text.length() > MAX_NS_FILE || text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NS_FILE) {
      throw new ApiException(413, "the NS file is larger than " + (MAX_NS_FILE >> 10) + " KiB");
    }
    return text;
  }

  private static String abbreviate(String value) {
    return value.length() > 60 ? value.substring(0, 57) + "..." : value;
  }
}
