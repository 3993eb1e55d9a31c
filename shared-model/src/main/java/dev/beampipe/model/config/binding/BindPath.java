package dev.beampipe.model.config.binding;

/**
 * A position in the JSON tree rendered as serde_path_to_error does: keys joined with {@code .}, indices as
 * {@code [i]} without a dot, and {@code .} for the root.
 */
public record BindPath(BindPath parent, String key, int index) {

    public static final BindPath ROOT = new BindPath(null, null, -1);

    public BindPath key(String name) {
        return new BindPath(this, name, -1);
    }

    public BindPath index(int i) {
        return new BindPath(this, null, i);
    }

    @Override
    public String toString() {
        if (parent == null) {
            return ".";
        }
        StringBuilder out = new StringBuilder();
        render(out);
        return out.toString();
    }

    private void render(StringBuilder out) {
        if (parent == null) {
            return;
        }
        parent.render(out);
        if (key != null) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(key);
        } else {
            out.append('[').append(index).append(']');
        }
    }
}
