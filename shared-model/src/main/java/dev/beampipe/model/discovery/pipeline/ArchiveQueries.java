package dev.beampipe.model.discovery.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The TAP side of discovery as the pipeline sees it: one rendered ADQL query against a named adapter
 * ({@code casda} or {@code vizier}). Rows are JSON objects with byte-sorted keys; from VOTable every cell is a
 * JSON string (NULL → {@code ""}), 30-project-config §3.3. The worker implements it over HTTP (TapClient);
 * the pipeline never knows about URLs, retries or encodings.
 */
@FunctionalInterface
public interface ArchiveQueries {

    List<ObjectNode> query(String adapter, String adql) throws ArchiveQueryException, InterruptedException;
}
