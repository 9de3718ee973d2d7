/**
 * Images as plain arrays ({@link io.clipwb.core.image.RgbImage}, 8-bit RGB, HWC) and CLIP's
 * preprocessing reproduced bit for bit in pure Java: decoding exactly as PIL 9.4's
 * {@code Image.open(p).convert("RGB")} (JPEG colour spaces, PNG layouts, EXIF orientation on
 * request), Pillow's antialiased resize, torchvision's resize, center crop and normalisation.
 *
 * <p>References: OpenAI CLIP {@code clip/clip.py _transform} on torchvision 0.14 and PIL 9.4, Pillow
 * {@code libImaging/Resample.c}, libjpeg's colour-space rules; {@code ImageDecoderTest} and
 * {@code PreprocessFidelityTest} compare with PIL's and torchvision's outputs.
 *
 * <p>May use: {@code core.model} (the preprocessing spec) and SLF4J; no native library.
 */
package io.clipwb.core.image;
