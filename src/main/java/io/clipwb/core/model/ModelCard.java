package io.clipwb.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The six factors that Tu, Deng and Gedeon (2024) vary to explain CLIP robustness: visual
 * architecture, training data source, training set size, fine-tuning, contrastive loss, and
 * prompts. Every bundle states them so results can be grouped by factor.
 *
 * @param architectureFamily ViT, ResNet or ConvNeXt
 * @param architectureName e.g. "ViT-B/32"
 * @param trainingData the source, e.g. "LAION-2B", "OpenAI WIT", "sample-world texture-correlated"
 * @param trainingSamples training set size in image–text pairs
 * @param fineTuning none, end-to-end (on a label set), contrastive, parameter-efficient
 * @param loss softmax-infonce (CLIP) or sigmoid (SigLIP)
 * @param prompts the default prompt set, e.g. "imagenet-80"
 */
public record ModelCard(
    @JsonProperty("architecture_family") String architectureFamily,
    @JsonProperty("architecture_name") String architectureName,
    @JsonProperty("training_data") String trainingData,
    @JsonProperty("training_samples") long trainingSamples,
    @JsonProperty("fine_tuning") String fineTuning,
    @JsonProperty("loss") String loss,
    @JsonProperty("prompts") String prompts) {}
