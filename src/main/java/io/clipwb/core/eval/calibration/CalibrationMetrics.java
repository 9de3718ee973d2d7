package io.clipwb.core.eval.calibration;

import java.util.List;

/**
 * The calibration metrics of one set of samples.
 *
 * @param n number of labelled samples
 * @param accuracy top-1 accuracy
 * @param ece expected calibration error, equal-width bins, conf in (lo, hi] — Klaus-Tu/VLM_calibrate
 *     {@code temperature_scaling.py ECE/_ECELoss} (Guo et al. 2017; Naeini et al. 2015)
 * @param eceImagenetX ImageNet-X's variant — facebookresearch/imagenetx {@code imagenet_x/aggregate.py
 *     estimated_calibration_error} (bins by {@code searchsorted} on the interior edges)
 * @param mce maximum calibration error: the largest |acc - conf| over non-empty equal-width bins
 *     (Naeini et al. 2015)
 * @param adaptiveEce ECE with equal-mass bins — torrvision/focal_calibration {@code AdaptiveECELoss}
 *     (Mukhoti et al. 2020; Nixon et al. 2019)
 * @param nll mean negative log-likelihood
 * @param brier mean over samples of the multi-class Brier score sum_c (p_c - y_c)^2
 * @param bins number of bins
 * @param reliability equal-width reliability diagram
 * @param adaptiveReliability equal-mass reliability diagram
 */
public record CalibrationMetrics(
    int n,
    double accuracy,
    double ece,
    double eceImagenetX,
    double mce,
    double adaptiveEce,
    double nll,
    double brier,
    int bins,
    List<ReliabilityBin> reliability,
    List<ReliabilityBin> adaptiveReliability) {

  /** The same metrics without the reliability diagrams (for tables). */
  public CalibrationMetrics summary() {
    return new CalibrationMetrics(n, accuracy, ece, eceImagenetX, mce, adaptiveEce, nll, brier, bins, null, null);
  }
}
