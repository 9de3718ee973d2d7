package io.clipwb.core.eval.ood;

/**
 * The OOD scores of the seed paper (higher = more in-distribution, as OpenOOD's postprocessors
 * return them).
 */
public enum OodScore {
  /** Maximum softmax probability of logit_scale x cosine (Hendrycks &amp; Gimpel 2017). */
  MSP,
  /** Maximum logit, logit_scale x cosine (Hendrycks et al. 2022). */
  MAX_LOGIT,
  /** Negative free energy at temperature 1: logsumexp of the logits (Liu et al. 2020). */
  ENERGY,
  /** Maximum concept matching: max softmax of cosine / tau (Ming et al. 2022). */
  MCM;

  /** Lower-case name as in the reference file ("msp", "max_logit", "energy", "mcm"). */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses "msp", "max-logit", "MAX_LOGIT", ... */
  public static OodScore parse(String s) {
    String k = s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    if (k.equals("MAXLOGIT")) k = "MAX_LOGIT";
    try {
      return valueOf(k);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown OOD score '" + s + "' (use msp, max_logit, energy, mcm)", e);
    }
  }
}
