package dev.beampipe.model.config.model;

/** {@code output_verification} (§2.10). */
public record OutputVerification(boolean required, String inventorySchema) {

    public static final String INVENTORY_SCHEMA_V1 = "wallaby-hires-output-inventory/v1";
    public static final OutputVerification DEFAULT = new OutputVerification(false, INVENTORY_SCHEMA_V1);
}
