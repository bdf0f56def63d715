package org.chatvault.cli;

import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine;

/** Reads {@code --server}: an http or https URL with a host, or a refusal that says what to type. */
final class ServerUrl implements CommandLine.ITypeConverter<URI> {
    @Override public URI convert(String value) {
        String v = value.trim();
        if (!v.startsWith("http://") && !v.startsWith("https://"))
            throw new CommandLine.TypeConversionException("'" + value + "' is not a server URL: add http:// or https://, e.g. http://" + v);
        try {
            URI u = new URI(v);
            if (u.getHost() == null) throw new URISyntaxException(v, "no host");
            return u;
        } catch (URISyntaxException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a server URL like http://127.0.0.1:8420");
        }
    }
}
