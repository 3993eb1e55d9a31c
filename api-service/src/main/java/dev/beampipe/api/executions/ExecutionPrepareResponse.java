package dev.beampipe.api.executions;

import java.util.List;

/** {@code POST /executions/prepare}: 200 even when {@code valid} is false (20-api §2.4, §8 item 8). */
public record ExecutionPrepareResponse(String projectModule, boolean valid, List<String> errors, long totalDatasets,
                                       List<SourcePreview> sourcesPreview) {
}
