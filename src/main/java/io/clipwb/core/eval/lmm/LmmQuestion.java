package io.clipwb.core.eval.lmm;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One exported question about one image (ImageNet-D protocol): two candidates, the ground truth
 * and CLIP's strongest wrong class (its top-1 when wrong, its second choice when right), in an
 * order drawn from {@code seed}; the multiple-choice prompt and the free-form prompt. Keeps CLIP's
 * own outcome so the comparison needs no second look at the run.
 *
 * <p>{@code question_id} is the key answers are matched by: lmms-eval drops every document field
 * whose name contains "image" from its logs, so the id must not rely on the image path.
 */
public record LmmQuestion(
    @JsonProperty("question_id") String questionId,
    @JsonProperty("index") int index,
    @JsonProperty("image") String image,
    @JsonProperty("image_path") String imagePath,
    @JsonProperty("label") int label,
    @JsonProperty("class_name") String className,
    @JsonProperty("choices") List<String> choices,
    @JsonProperty("choice_labels") List<Integer> choiceLabels,
    @JsonProperty("A") String a,
    @JsonProperty("B") String b,
    @JsonProperty("answer") String answer,
    @JsonProperty("ground_truth_position") int groundTruthPosition,
    @JsonProperty("distractor") String distractor,
    @JsonProperty("clip_prediction") String clipPrediction,
    @JsonProperty("clip_correct") boolean clipCorrect,
    @JsonProperty("question") String question,
    @JsonProperty("question_free") String questionFree,
    @JsonProperty("seed") long seed) {}
