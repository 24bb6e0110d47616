package io.liveloop.fulfillment.webhooks;

import io.liveloop.fulfillment.config.FulfillmentConfig;
import io.liveloop.platform.problem.Problem;
import io.liveloop.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where partner webhooks may go: http(s) URLs only, and (unless configuration allows it, as development and tests
 * do) never loopback, link-local, private or other internal addresses, so that a partner record cannot be used to
 * probe the platform's own network. Checked when a URL is saved and again before every attempt, since a name may
 * resolve differently later.
 */
@ApplicationScoped
public class WebhookTargets {

    /** The sender must not call this address. */
    public static final class RefusedTarget extends Exception {
        RefusedTarget(String message) {
            super(message);
        }
    }

    private final FulfillmentConfig config;

    public WebhookTargets(FulfillmentConfig config) {
        this.config = config;
    }

    /** The URL, if it is an absolute http(s) URL with a host; a 400 problem naming {@code field} otherwise. */
    public URI parse(String url, String field) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getUserInfo() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ProblemException(400, "validation-failed", "Request is not valid",
                field + ": must be an absolute http(s) URL with a host and no credentials",
                List.of(new Problem.FieldError(field, "must be an absolute http(s) URL with a host and no credentials")),
                Map.of());
    }

    /** When a URL is saved: refuses internal addresses that the name resolves to now (422). */
    public void requireAllowed(URI uri) {
        try {
            check(uri);
        } catch (RefusedTarget e) {
            throw new ProblemException(422, "webhook-target-not-allowed", "Webhook target not allowed", e.getMessage());
        } catch (UnknownHostException e) {
            // Not resolvable today (a partner setting up DNS): the sender checks again before each attempt.
        }
    }

    /** Before an attempt: the target must resolve, and only to addresses we may call. */
    public void requireSendable(URI uri) throws RefusedTarget {
        try {
            check(uri);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("host " + uri.getHost() + " does not resolve");
        }
    }

    private void check(URI uri) throws RefusedTarget, UnknownHostException {
        if (config.webhooks().allowPrivateTargets()) {
            return;
        }
        for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
            if (isInternal(address)) {
                throw new RefusedTarget("host " + uri.getHost() + " resolves to the internal address "
                        + address.getHostAddress() + "; webhooks go only to public addresses");
            }
        }
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0                                   // "this network"
                    || (first == 100 && (second & 0xc0) == 64)   // 100.64.0.0/10, carrier-grade NAT
                    || (first == 198 && (second & 0xfe) == 18)   // 198.18.0.0/15, benchmarking
                    || first >= 240;                             // reserved, broadcast
        }
        return (bytes[0] & 0xfe) == 0xfc;                         // fc00::/7, unique local
    }
}
