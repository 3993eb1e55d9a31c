-- The logical graph each project config revision was uploaded with (exact bytes, checked against graph.sha256).
CREATE TABLE IF NOT EXISTS project_config_graphs (
    project_config_id UUID PRIMARY KEY REFERENCES project_configs(uuid) ON DELETE CASCADE,
    graph_sha256      VARCHAR(64) NOT NULL,
    source            TEXT NOT NULL,
    size_bytes        BIGINT NOT NULL CHECK (size_bytes >= 0),
    graph_bytes       BYTEA NOT NULL,
    loaded_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS idx_project_config_graphs_sha ON project_config_graphs (graph_sha256);
