package dev.beampipe.worker.discovery.tap;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed DataLink response: its rows in document order and the {@code accessURL} of each service
 * descriptor RESOURCE ({@code type="meta"}, {@code utype="adhoc:service"}) keyed by its {@code ID}.
 */
public record DatalinkResult(List<DatalinkLink> links, Map<String, String> serviceAccessUrls) {

    public DatalinkResult {
        links = List.copyOf(links);
        serviceAccessUrls = Map.copyOf(serviceAccessUrls);
    }

    /** The SODA async endpoint and the token to send it (the reference's {@code parse_casda_datalink}). */
    public record ServiceAccess(String accessUrl, String token) {
        @Override
        public String toString() {
            return "ServiceAccess[accessUrl=" + accessUrl + ", token=[REDACTED]]";
        }
    }

    /**
     * The service's accessURL and the token of the first row whose {@code service_def} is {@code service}
     * with a non-blank {@code authenticated_id_token}; empty unless both exist.
     */
    public Optional<ServiceAccess> service(String service) {
        String url = serviceAccessUrls.get(service);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return links.stream()
                .filter(l -> service.equals(l.serviceDef()) && !l.authenticatedIdToken().isBlank())
                .findFirst()
                .map(l -> new ServiceAccess(url, l.authenticatedIdToken()));
    }

    public List<DatalinkLink> directAccess() {
        return links.stream().filter(DatalinkLink::isDirectAccess).toList();
    }

    public List<DatalinkLink> errors() {
        return links.stream().filter(DatalinkLink::isError).toList();
    }
}
