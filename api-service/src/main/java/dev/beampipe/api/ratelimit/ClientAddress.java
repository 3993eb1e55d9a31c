package dev.beampipe.api.ratelimit;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client IP the rate limiter keys on (20-api §5.4): the TCP peer, unless the peer is a trusted proxy; then
 * {@code X-Forwarded-For} is walked from the right past trusted hops to the first untrusted address. Any
 * unparsable entry (or an empty list) means the peer is used.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String resolve(String peer, String forwardedFor, List<Cidr> trusted) {
        Optional<InetAddress> peerAddress = Cidr.parseIp(peer);
        if (peerAddress.isEmpty() || !isTrusted(peerAddress.get(), trusted) || forwardedFor == null) {
            return peer;
        }
        List<InetAddress> hops = new ArrayList<>();
        for (String entry : forwardedFor.split(",")) {
            Optional<InetAddress> hop = Cidr.parseIp(entry.trim());
            if (hop.isEmpty()) {
                return peer;
            }
            hops.add(hop.get());
        }
        if (hops.isEmpty()) {
            return peer;
        }
        int i = hops.size() - 1;
        while (i > 0 && isTrusted(hops.get(i), trusted)) {
            i--;
        }
        return hops.get(i).getHostAddress();
    }

    private static boolean isTrusted(InetAddress address, List<Cidr> trusted) {
        for (Cidr cidr : trusted) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
