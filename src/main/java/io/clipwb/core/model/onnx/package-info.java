/**
 * ONNX tower files read without an inference engine: {@link io.clipwb.core.model.onnx.OnnxGraph}
 * decodes the declared graph inputs and outputs from the protobuf ({@code onnx.proto}, the
 * {@code ModelProto}/{@code GraphProto}/{@code ValueInfoProto} fields), and
 * {@link io.clipwb.core.model.onnx.OnnxTower} decides by their names and shapes how a bundle's image,
 * text or patch tower is fed and read — or refuses a file that is no such tower, naming the shapes.
 * The runtime (DJL's ONNX Runtime engine) lives in {@code io.clipwb.djl}; the rules are documented in
 * {@code docs/bundles.md}, "ONNX towers".
 *
 * <p>May use: {@code core.model} (for {@link io.clipwb.core.model.BundleException}) and the JDK. No
 * inference engine, no protobuf library.
 */
package io.clipwb.core.model.onnx;
