package io.clipwb.spark;

import io.clipwb.core.io.AtomicFiles;
import io.clipwb.core.sweep.ShardFiles;
import io.clipwb.core.sweep.SweepWorker;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Reads and writes where a sweep's files live, as the cluster names them. A plain path (or
 * {@code file:}) is a local or shared POSIX file system: written through a temp file, fsync and an
 * atomic rename, as the desktop's cache does. Anything with another scheme ({@code s3a://},
 * {@code hdfs://}, {@code abfs://}) goes through Hadoop's {@link FileSystem} with the job's Hadoop
 * configuration: object stores cannot rename atomically (S3A copies, then deletes), so final names
 * are written directly; an object appears only when its upload completed, and the shard's
 * {@code .npy} is written before its index, so a reader never sees an index without its rows.
 */
final class Storage implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SerializableConfiguration conf;

  Storage(Configuration hadoop) {
    this.conf = new SerializableConfiguration(hadoop);
  }

  /** True for a path the JVM reads directly (no scheme, or {@code file:}). */
  static boolean isLocal(String uri) {
    return !uri.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") || uri.startsWith("file:");
  }

  /**
   * The URI Hadoop must be given for {@code uri}: a plain path is a POSIX path here, so it becomes
   * {@code file:} (else a cluster whose default file system is HDFS would look for it there).
   */
  static String hadoopUri(String uri) {
    if (!isLocal(uri) || uri.startsWith("file:")) return uri;
    return Path.of(uri).toAbsolutePath().normalize().toUri().toString();
  }

  static String join(String dir, String name) {
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }

  private static Path local(String uri) {
    return uri.startsWith("file:") ? Path.of(java.net.URI.create(uri)) : Path.of(uri);
  }

  private FileSystem fs(String uri) throws IOException {
    return new org.apache.hadoop.fs.Path(uri).getFileSystem(conf.value());
  }

  byte[] read(String uri) throws IOException {
    if (isLocal(uri)) return Files.readAllBytes(local(uri));
    try (InputStream in = fs(uri).open(new org.apache.hadoop.fs.Path(uri))) {
      return in.readAllBytes();
    }
  }

  long size(String uri) throws IOException {
    if (isLocal(uri)) return Files.size(local(uri));
    return fs(uri).getFileStatus(new org.apache.hadoop.fs.Path(uri)).getLen();
  }

  /** Writes a whole file: temp + rename on POSIX, the final name directly elsewhere. */
  void write(String uri, byte[] bytes) throws IOException {
    if (isLocal(uri)) {
      AtomicFiles.write(local(uri), bytes);
      return;
    }
    try (FSDataOutputStream out = fs(uri).create(new org.apache.hadoop.fs.Path(uri), true)) {
      out.write(bytes);
    }
  }

  /** Copies a folder tree to the executor's local disk (a bundle on an object store). */
  void copyToLocal(String uri, Path dest) throws IOException {
    fs(uri).copyToLocalFile(false, new org.apache.hadoop.fs.Path(uri), new org.apache.hadoop.fs.Path(dest.toUri()), true);
  }

  /** Where tasks write a model's shards. */
  ShardFiles.Sink sink(String dir) {
    return (name, bytes) -> write(join(dir, name), bytes);
  }

  /** Where tasks read images. */
  SweepWorker.ImageSource source() {
    return new SweepWorker.ImageSource() {
      @Override
      public long size(String path) throws IOException {
        return Storage.this.size(path);
      }

      @Override
      public byte[] read(String path) throws IOException {
        return Storage.this.read(path);
      }
    };
  }
}
