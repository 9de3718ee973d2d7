package io.clipwb.core.eval.correspondence;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One annotated pair of a semantic-correspondence set in SPair-71k's pair format
 * ({@code PairAnnotation/<split>/<id>.json}): source and target image names, matched keypoints
 * ({@code src_kps[i]} corresponds to {@code trg_kps[i]}, pixel x, y), bounding boxes
 * {@code [x1, y1, x2, y2]}, and the image sizes {@code [width, height, channels]} when given.
 *
 * @param id the pair file's stem (or {@code pair_id}/position for arrays)
 * @param srcSize source {width, height} or null when the file has no {@code src_imsize}
 * @param trgSize target {width, height} or null
 * @param kpsIds the category's keypoint ids of the rows (empty when absent)
 */
public record SpairPair(
    @JsonProperty("id") String id,
    @JsonProperty("category") String category,
    @JsonProperty("src_imname") String srcImage,
    @JsonProperty("trg_imname") String trgImage,
    @JsonProperty("src_kps") double[][] srcKps,
    @JsonProperty("trg_kps") double[][] trgKps,
    @JsonProperty("src_bndbox") double[] srcBbox,
    @JsonProperty("trg_bndbox") double[] trgBbox,
    @JsonProperty("src_imsize") int[] srcSize,
    @JsonProperty("trg_imsize") int[] trgSize,
    @JsonProperty("kps_ids") List<String> kpsIds) {

  /**
   * The PCK threshold unit of the pair: {@code max(x2 - x1, y2 - y1)} of the <em>target</em> box, as
   * in juhongm999/dhpf {@code data/dataset.py::get_pckthres} (thres = 'bbox'), the convention of the
   * SPair-71k benchmark (Min et al. 2019, "PCK ... α_bbox · max(w_bbox, h_bbox)").
   */
  public double pckUnit() {
    return Math.max(trgBbox[2] - trgBbox[0], trgBbox[3] - trgBbox[1]);
  }
}
