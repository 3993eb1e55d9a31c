package dev.beampipe.model.config.signature;

import dev.beampipe.model.config.model.PrepareMetadata;
import dev.beampipe.model.config.model.Signature;

import java.util.List;

/**
 * The effective {@code discovery.prepare_metadata.signature} options (30-project-config §3.7.1).
 *
 * <p>{@code present} says whether the config has a {@code signature} section at all. Without one the
 * reference falls back to the derived default — no exclusions and {@code include_discovery_flags = false}
 * — not to the YAML default {@code true}; we keep that (§10, parity), so an absent section drops the flags
 * from the signature and from stored metadata, while {@code signature: {}} includes them. The compact
 * constructor applies that rule, so {@link #includeDiscoveryFlags()} is always the effective value.
 *
 * <p>Map the typed model as: section absent → {@link #ABSENT}; section present →
 * {@link #of(List, Boolean)} with its {@code exclude_fields} (null = empty) and
 * {@code include_discovery_flags} (null = the YAML default {@code true}).
 */
public record SignatureOptions(boolean present, List<String> excludeFields, boolean includeDiscoveryFlags) {

    public static final SignatureOptions ABSENT = new SignatureOptions(false, List.of(), false);

    public SignatureOptions {
        excludeFields = present && excludeFields != null ? List.copyOf(excludeFields) : List.of();
        includeDiscoveryFlags = present && includeDiscoveryFlags;
    }

    public static SignatureOptions of(List<String> excludeFields, Boolean includeDiscoveryFlags) {
        return new SignatureOptions(true, excludeFields, includeDiscoveryFlags == null || includeDiscoveryFlags);
    }

    /** The options of a config's {@code discovery.prepare_metadata}; null or no {@code signature} section → {@link #ABSENT}. */
    public static SignatureOptions of(PrepareMetadata prepareMetadata) {
        Signature signature = prepareMetadata == null ? null : prepareMetadata.signature();
        return signature == null ? ABSENT : of(signature.excludeFields(), signature.includeDiscoveryFlags());
    }
}
