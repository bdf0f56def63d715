package org.chatvault.server.http;

import io.javalin.http.Context;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.chatvault.server.abuse.AbuseLimits;

/**
 * The client address a request is counted against by the abuse limits. It is the address of the
 * connection, unless that is one of the configured trusted reverse proxies: then the right-most
 * address in {@code X-Forwarded-For} that is not itself a trusted proxy (the left part of the
 * header is whatever the client wrote, so it is never believed). IPv6 clients are counted per
 * /64, the block one subscriber usually gets, so that cycling through one's own addresses does
 * not multiply the limits.
 */
final class ClientAddresses {
    private final Set<InetAddress> trustedProxies = new HashSet<>();

    ClientAddresses(List<String> proxies) {
        for (String p : proxies) trustedProxies.add(literal(AbuseLimits.requireIpLiteral(p)));
    }

    /** The address key of the client that sent {@code ctx}. */
    String of(Context ctx) {
        InetAddress remote = literal(ctx.req().getRemoteAddr());
        if (remote == null) return "unknown";
        if (trustedProxies.contains(remote)) {
            String forwarded = ctx.header("X-Forwarded-For");
            if (forwarded != null) {
                String[] hops = forwarded.split(",");
                for (int i = hops.length - 1; i >= 0; i--) {
                    InetAddress hop = literal(hops[i].strip());
                    if (hop == null) break; // garbage: stop believing the header here
                    if (!trustedProxies.contains(hop)) return key(hop);
                    remote = hop;
                }
            }
        }
        return key(remote);
    }

    static String key(InetAddress a) {
        if (!(a instanceof Inet6Address)) return a.getHostAddress();
        byte[] b = a.getAddress();
        return String.format("%x:%x:%x:%x::/64", (b[0] & 0xff) << 8 | b[1] & 0xff, (b[2] & 0xff) << 8 | b[3] & 0xff,
                (b[4] & 0xff) << 8 | b[5] & 0xff, (b[6] & 0xff) << 8 | b[7] & 0xff);
    }

    /** An IP literal parsed without any DNS lookup; null for anything else. */
    private static InetAddress literal(String s) {
        if (s == null || s.isEmpty()) return null;
        String t = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        if (!t.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !t.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.%a-zA-Z0-9]*")) return null;
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
