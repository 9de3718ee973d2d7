package io.clipwb.cli;

import io.clipwb.core.corrupt.Corruption;
import io.clipwb.core.corrupt.CorruptionSetGenerator;
import io.clipwb.core.corrupt.CorruptionSources;
import io.clipwb.core.corrupt.DepthMap;
import io.clipwb.core.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clipwb corrupt}: writes ImageNet-C / 3DCC corruptions of a folder or manifest of images in
 * the standard layout {@code OUT/<corruption>/<severity>/<class>/…}, reusing cached outputs.
 */
@Command(name = "corrupt", mixinStandardHelpOptions = true,
    description = "Generate corrupted image sets (ImageNet-C 2D, 3D Common Corruptions from RGB + depth).")
public final class CorruptCommand implements Callable<Integer> {
  @Spec CommandSpec cmd;

  static final class Input {
    @Option(names = "--images", description = "folder of images (DIR/<class>/*.jpg or DIR/*.jpg)") Path images;
    @Option(names = "--manifest", description = "CSV (path,label[,depth]) or manifest.json with items") Path manifest;
  }

  @ArgGroup(exclusive = true, multiplicity = "1") Input input;

  @Option(names = "--depth", description = "folder of 16-bit PNG depth maps, matched by relative path / file stem")
  Path depth;

  @Option(names = "--depth-scale", defaultValue = "mm",
      description = "depth units: mm (Open3D/TUM, 0 = invalid), 1/512m (Taskonomy/3DCC, 65535 = invalid), or metres per unit")
  String depthScale;

  @Option(names = "--corruptions", defaultValue = "all",
      description = "all | imagenet-c | 3dcc | comma-separated names (gaussian_noise,fog_3d,...)")
  String corruptions;

  @Option(names = "--severities", defaultValue = "1-5", description = "e.g. 1-5, 3, 1,3,5") String severities;
  @Option(names = "--out", required = true, description = "output root") Path out;
  @Option(names = "--seed", defaultValue = "0") long seed;
  @Option(names = "--size", defaultValue = "224", description = "resize+centre-crop like ImageNet-C (0 = keep size)") int size;
  @Option(names = "--format", defaultValue = "jpeg", description = "jpeg (quality 85, as ImageNet-C) or png") String format;
  @Option(names = "--threads", defaultValue = "0", description = "worker threads (0 = all cores)") int threads;

  @Override
  public Integer call() {
    List<Corruption> list = parseCorruptions(corruptions, depth != null || input.manifest != null);
    List<Integer> sev = parseSeverities(severities);
    DepthMap.Scale scale = DepthMap.Scale.parse(depthScale);
    List<CorruptionSetGenerator.Source> sources = input.images != null
        ? CorruptionSources.fromFolder(input.images, depth)
        : CorruptionSources.fromManifest(input.manifest, depth);
    int t = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
    CorruptionSetGenerator.Params p = new CorruptionSetGenerator.Params(list, sev, seed, size, format, 85, scale, t);
    CorruptionSetGenerator.Summary s =
        CtrlC.run(cmd.commandLine().getErr(), cancel -> CorruptionSetGenerator.generate(sources, out, p, new StderrProgress(cmd.commandLine().getErr()), cancel));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("out", s.out().toString());
    json.put("sources", s.sources());
    json.put("corruptions", list.stream().map(Corruption::id).toList());
    json.put("severities", sev);
    json.put("generated", s.generated());
    json.put("cached", s.cached());
    json.put("skipped_without_depth", s.skippedNoDepth());
    json.put("failures", s.failures());
    System.out.println(Json.toString(json));
    return s.failures().isEmpty() ? 0 : 1;
  }

  static List<Corruption> parseCorruptions(String spec, boolean haveDepth) {
    String k = spec.trim().toLowerCase();
    return switch (k) {
      case "all" -> haveDepth ? List.of(Corruption.values()) : Corruption.imagenetC();
      case "imagenet-c", "imagenet_c", "2d" -> Corruption.imagenetC();
      case "3dcc", "3d" -> Corruption.threeD();
      default -> {
        List<Corruption> l = new ArrayList<>();
        for (String s : spec.split(",")) if (!s.isBlank()) l.add(Corruption.parse(s));
        yield l;
      }
    };
  }

  static List<Integer> parseSeverities(String spec) {
    List<Integer> out = new ArrayList<>();
    for (String part : spec.split(",")) {
      String p = part.trim();
      try {
        if (p.contains("-")) {
          String[] ab = p.split("-");
          for (int i = Integer.parseInt(ab[0].trim()); i <= Integer.parseInt(ab[1].trim()); i++) out.add(i);
        } else if (!p.isEmpty()) {
          out.add(Integer.parseInt(p));
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--severities '" + spec + "': expected e.g. 1-5 or 1,3,5");
      }
    }
    for (int s : out) Corruption.checkSeverity(s);
    if (out.isEmpty()) throw new IllegalArgumentException("--severities '" + spec + "': empty");
    return out;
  }
}
