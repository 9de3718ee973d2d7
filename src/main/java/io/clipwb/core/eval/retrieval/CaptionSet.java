package io.clipwb.core.eval.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An image–caption retrieval set: images in row order, captions in row order, and for every
 * caption the row of its image. The row orders are the contract with the embeddings: row {@code i}
 * of the image embedding matrix belongs to {@code images().get(i)} and row {@code t} of the text
 * embedding matrix to {@code captions().get(t)}. Readers ({@link CaptionSetReader}) keep the order of
 * the file, so embeddings written in file order line up.
 *
 * @param images image ids (relative paths as written in the file: Karpathy {@code filepath/filename})
 * @param captions caption texts, several per image allowed
 * @param textToImage for each caption the index of its image in {@code images}
 * @param source where the set came from (file name and split), for reports
 */
public record CaptionSet(List<String> images, List<String> captions, int[] textToImage, String source) {
  public CaptionSet {
    images = List.copyOf(images);
    captions = List.copyOf(captions);
    textToImage = textToImage.clone();
    if (captions.size() != textToImage.length) {
      throw new IllegalArgumentException(
          "caption set: " + captions.size() + " captions but " + textToImage.length + " caption→image indices");
    }
    for (int t = 0; t < textToImage.length; t++) {
      if (textToImage[t] < 0 || textToImage[t] >= images.size()) {
        throw new IllegalArgumentException(
            "caption set: caption " + t + " points to image " + textToImage[t] + " but there are " + images.size() + " images");
      }
    }
  }

  /** For each image the indices of its captions, ascending. */
  public int[][] imageToTexts() {
    return invert(textToImage, images.size());
  }

  /** Inverts a caption→image map into image→captions lists (ascending caption indices). */
  public static int[][] invert(int[] textToImage, int numImages) {
    List<List<Integer>> lists = new ArrayList<>(numImages);
    for (int i = 0; i < numImages; i++) lists.add(new ArrayList<>());
    for (int t = 0; t < textToImage.length; t++) lists.get(textToImage[t]).add(t);
    int[][] out = new int[numImages][];
    for (int i = 0; i < numImages; i++) out[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CaptionSet c
        && images.equals(c.images)
        && captions.equals(c.captions)
        && Arrays.equals(textToImage, c.textToImage)
        && source.equals(c.source);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * images.hashCode() + captions.hashCode()) + Arrays.hashCode(textToImage);
  }

  @Override
  public String toString() {
    return "CaptionSet[" + source + ": " + images.size() + " images, " + captions.size() + " captions]";
  }
}
