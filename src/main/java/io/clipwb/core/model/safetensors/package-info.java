/**
 * The safetensors checkpoint format (Hugging Face, {@code huggingface/safetensors} README "Format"):
 * an 8-byte little-endian header length, a JSON header mapping tensor names to dtype, shape and byte
 * offsets, then the raw little-endian tensor data. Read memory-mapped, one tensor at a time, so a
 * multi-gigabyte checkpoint never lands on the Java heap; every offset is checked against the file
 * before any tensor is handed out.
 *
 * <p>May use: {@code core.model} (its {@code BundleException}), {@code core.io}, Jackson and SLF4J.
 * No inference engine: the forward passes that consume these tensors live in {@code io.clipwb.djl}.
 */
package io.clipwb.core.model.safetensors;
