package io.clipwb.core.cache;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.clipwb.core.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The index file of one cache shard, {@code shard-<stem>.json}: {@code {"version": 1, "sha256": <of
 * the .npy>, "keys": [...]}} plus optional fields (a cluster task's {@code producer}) that readers
 * skip. One writer and one reader for everything that produces or checks shards — the cache itself,
 * cluster tasks and the sweep import — so the format lives in one place. Both stream: an index of
 * 500,000 keys is ~35 MB of JSON and never becomes a JSON tree.
 */
public final class ShardIndex {
  private ShardIndex() {}

  /**
   * A shard index as read.
   *
   * @param keys the keys in row order, or null when the index has none
   */
  public record Index(String sha256, List<String> keys) {}

  /** Writes an index; {@code producer} (provenance) is written when not empty. */
  public static void write(OutputStream out, String sha256, List<String> keys, Map<String, ?> producer) throws IOException {
    try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("version", 1);
      g.writeStringField("sha256", sha256);
      g.writeArrayFieldStart("keys");
      for (String k : keys) g.writeString(k);
      g.writeEndArray();
      if (!producer.isEmpty()) g.writeObjectField("producer", producer);
      g.writeEndObject();
    }
  }

  /** Reads an index by streaming: its checksum and keys (unknown fields are skipped). */
  public static Index read(InputStream in) throws IOException {
    String sha = "";
    List<String> keys = null;
    try (JsonParser p = Json.mapper().getFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("index is not a JSON object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (field.equals("sha256") && t == JsonToken.VALUE_STRING) {
          sha = p.getText();
        } else if (field.equals("keys") && t == JsonToken.START_ARRAY) {
          keys = new ArrayList<>();
          while (p.nextToken() == JsonToken.VALUE_STRING) keys.add(p.getText());
          if (p.currentToken() != JsonToken.END_ARRAY) throw new IOException("index keys must be strings");
        } else {
          p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) throw new IOException("truncated index");
    }
    return new Index(sha, keys);
  }
}
