package io.clipwb.core.corrupt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class RngTest {
  @Test
  void poissonHasTheRightMomentsAndPmf() {
    for (double lam : new double[] {3, 20, 60}) {
      Rng r = new Rng(11);
      int n = 100_000, atMode = 0;
      double s = 0, s2 = 0;
      int mode = (int) lam;
      for (int i = 0; i < n; i++) {
        int k = r.poisson(lam);
        s += k;
        s2 += (double) k * k;
        if (k == mode) atMode++;
      }
      double mean = s / n, var = s2 / n - mean * mean;
      assertEquals(lam, mean, 4 * Math.sqrt(lam / n) + 1e-9, "mean at lambda " + lam);
      assertEquals(lam, var, 0.03 * lam, "variance at lambda " + lam);
      double pmf = Math.exp(-lam + mode * Math.log(lam) - Rng.logGamma(mode + 1));
      assertEquals(pmf, atMode / (double) n, 5 * Math.sqrt(pmf / n), "P(K = " + mode + ") at lambda " + lam);
    }
  }

  @Test
  void logGammaMatchesFactorials() {
    assertEquals(Math.log(24), Rng.logGamma(5), 1e-12);
    assertEquals(Math.log(3628800), Rng.logGamma(11), 1e-10);
  }

  @Test
  void seedsMixTheIdentityOfAnOutput() {
    assertEquals(Rng.mix(1, "a/b.jpg", "fog", 3), Rng.mix(1, "a/b.jpg", "fog", 3));
    assertNotEquals(Rng.mix(1, "a/b.jpg", "fog", 3), Rng.mix(1, "a/b.jpg", "fog", 4));
    assertNotEquals(Rng.mix(1, "a/b.jpg", "fog", 3), Rng.mix(2, "a/b.jpg", "fog", 3));
    assertNotEquals(Rng.mix(1, "a/b.jpg", "fog", 3), Rng.mix(1, "a/c.jpg", "fog", 3));
  }
}
