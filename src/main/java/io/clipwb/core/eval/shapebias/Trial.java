package io.clipwb.core.eval.shapebias;

/**
 * One trial in model-vs-human's per-trial CSV ({@code subj,session,trial,rt,object_response,
 * category,condition,imagename}): who decided ({@code subj}), what was shown ({@code imagename},
 * its shape class in {@code category}) and the 16-class decision ({@code object_response}).
 * Human observers' raw data and model decisions share this format, so both go through one
 * analysis. Fields are kept as text, exactly as in the file.
 */
public record Trial(
    String subj,
    String session,
    String trial,
    String rt,
    String objectResponse,
    String category,
    String condition,
    String imagename) {

  /** A trial made from a decision alone (session 1, rt NaN, condition 0), as model rows are. */
  public static Trial ofDecision(String subj, int trialNo, String response, String category, String imagename) {
    return new Trial(subj, "1", Integer.toString(trialNo), "NaN", response, category, "0", imagename);
  }
}
