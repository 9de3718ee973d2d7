/**
 * 3D awareness by correspondence: geometric correspondence between calibrated RGB-D views (patch
 * features upsampled bilinearly onto the image, nearest neighbour by cosine, ground truth by
 * reprojection with depth and poses, recall within a pixel radius, binned by rotation) and semantic
 * correspondence (PCK on SPair-71k-style pairs). Readers for Open3D/Redwood trajectories, intrinsics
 * JSON, 16-bit depth PNGs and patch features saved as {@code .npy}.
 *
 * <p>References: Open3D's RGB-D test data and {@code trajectory.log} convention (camera-to-world);
 * {@code torch.nn.functional.interpolate(mode="bilinear", align_corners=False)} for upsampling;
 * juhongm999/dhpf for PCK; {@code Open3dReprojectionTest} checks the geometry on Open3D's frames.
 * {@code Probe3dCorrespondence} is Probe3D's published ScanNet protocol (mbanani/probe3d), checked
 * against Probe3D's own functions.
 *
 * <p>May use: {@code core.model} (patch-token towers), {@code core.image} (decoding, preprocessing),
 * {@code core.io}, {@code core.util} and Jackson.
 */
package io.clipwb.core.eval.correspondence;
