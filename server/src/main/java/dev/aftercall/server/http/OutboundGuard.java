package dev.aftercall.server.http;

import dev.aftercall.engine.http.OutboundBlockedException;
import jakarta.inject.Singleton;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps operators' requests (API Request nodes, basic and advanced functions, destinations, webhooks) away from the
 * service's own network: a URL whose host resolves to a loopback, private, link-local (cloud metadata at
 * 169.254.169.254), carrier-grade NAT, unique-local, multicast or unspecified address is refused, as is any scheme
 * but http and https. The check runs after DNS resolution, on every address the name resolves to, and again on
 * every redirect (see {@link VertxHttpPort}).
 *
 * <p>{@code aftercall.outbound.allow-hosts} ({@code AFTERCALL_OUTBOUND_ALLOW_HOSTS}) lists what may be reached
 * anyway, for on-premise targets: host names (exact, case-insensitive), IP addresses, CIDR ranges such as
 * {@code 10.1.0.0/16}, or {@code *} to switch the guard off.
 *
 * <p>Known limit: the HTTP client resolves the name again when it connects, so a DNS server that answers a public
 * address to this check and a private one a moment later (DNS rebinding) is not stopped by the check alone.
 */
@Singleton
public class OutboundGuard {
    private final boolean off;
    private final Set<String> hosts = new HashSet<>();
    private final List<Cidr> ranges = new ArrayList<>();
    /** Name resolution blocks; it never runs on an event loop. */
    private final ExecutorService resolver = Executors.newFixedThreadPool(4, task -> {
        Thread thread = new Thread(task, "aftercall-dns");
        thread.setDaemon(true);
        return thread;
    });

    public OutboundGuard(@ConfigProperty(name = "aftercall.outbound.allow-hosts") Optional<List<String>> allowed) {
        boolean everything = false;
        for (String entry : allowed.orElse(List.of())) {
            String item = entry.trim().toLowerCase(Locale.ROOT);
            if (item.isEmpty()) {
                continue;
            }
            if (item.equals("*")) {
                everything = true;
            } else if (item.contains("/")) {
                ranges.add(Cidr.parse(item));
            } else {
                hosts.add(unbracket(item));
            }
        }
        this.off = everything;
    }

    /** Completes when {@code uri} may be requested, else fails with an {@link OutboundBlockedException}. */
    public CompletionStage<Void> check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return CompletableFuture.failedFuture(new OutboundBlockedException(
                    "only http and https URLs can be requested, not '" + uri.getScheme() + "'"));
        }
        String host = uri.getHost() == null ? "" : unbracket(uri.getHost().toLowerCase(Locale.ROOT));
        if (host.isEmpty()) {
            return CompletableFuture.failedFuture(new OutboundBlockedException("the URL has no host: " + uri));
        }
        if (off || hosts.contains(host)) {
            return CompletableFuture.completedFuture(null);
        }
        if (isIpLiteral(host)) {
            return verdict(host, List.of(literal(host)));
        }
        return CompletableFuture.supplyAsync(() -> resolve(host), resolver).thenCompose(addresses -> verdict(host, addresses));
    }

    private CompletionStage<Void> verdict(String host, List<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            String why = restricted(address);
            if (why != null && !allowedAddress(address)) {
                return CompletableFuture.failedFuture(new OutboundBlockedException("request to " + host + " blocked: "
                        + address.getHostAddress() + " is " + why + " address; list the host in "
                        + "AFTERCALL_OUTBOUND_ALLOW_HOSTS to allow it"));
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    private boolean allowedAddress(InetAddress address) {
        return hosts.contains(address.getHostAddress().toLowerCase(Locale.ROOT))
                || ranges.stream().anyMatch(range -> range.contains(address));
    }

    /** Why requests to {@code address} are refused by default ("a loopback", ...), or null for a public address. */
    static String restricted(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            if (isMappedV4(b)) {
                return restricted(literal(String.format("%d.%d.%d.%d", b[12] & 0xff, b[13] & 0xff, b[14] & 0xff, b[15] & 0xff)));
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return "a unique-local";
            }
        }
        if (address.isLoopbackAddress()) {
            return "a loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "an unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local (cloud metadata)";
        }
        if (address.isSiteLocalAddress()) {
            return "a private";
        }
        if (address.isMulticastAddress()) {
            return "a multicast";
        }
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 100 && second >= 64 && second <= 127) {
                return "a carrier-grade NAT";
            }
            if (first == 0 || first >= 240) {
                return "a reserved";
            }
        }
        return null;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static List<InetAddress> resolve(String host) {
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            // Let the client report the unknown host as the connect error it is.
            return List.of();
        }
    }

    static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** An IP literal as an address, without any DNS lookup. */
    static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + ip, e);
        }
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** An address range such as {@code 10.0.0.0/8} or {@code fd00::/8}. */
    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            try {
                byte[] network = literal(unbracket(text.substring(0, slash))).getAddress();
                int prefix = Integer.parseInt(text.substring(slash + 1));
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("prefix out of range");
                }
                return new Cidr(network, prefix);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("aftercall.outbound.allow-hosts: '" + text
                        + "' is not a CIDR range such as 10.0.0.0/8", e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
