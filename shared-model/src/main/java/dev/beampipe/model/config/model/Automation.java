package dev.beampipe.model.config.model;

/** {@code automation}; both sub-sections nullable (absent ones are never validated). */
public record Automation(ExecutionAutomation execution, DiscoveryAutomation discovery) {

    public static final Automation DEFAULT = new Automation(null, null);
}
